#include <stdarg.h>
#include <stdio.h>

#include "doc.h"

/* The detail of the calling thread's last failure. */
static _Thread_local char last_message[256];

lede_status error_set(lede_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return status;
}

void error_clear(void)
{
    last_message[0] = '\0';
}

const char *lede_last_error_message(void)
{
    return last_message;
}

const char *lede_strerror(lede_status status)
{
    switch (status) {
    case LEDE_OK:
        return "success";
    case LEDE_ERR_NOMEM:
        return "out of memory";
    case LEDE_ERR_INVALID_ARG:
        return "invalid argument";
    case LEDE_ERR_INVALID_UTF8:
        return "invalid UTF-8";
    case LEDE_ERR_LIMIT:
        return "input larger than the configured maximum";
    }
    return "unknown error";
}

const char *lede_status_name(lede_status status)
{
    switch (status) {
    case LEDE_OK:
        return "ok";
    case LEDE_ERR_NOMEM:
        return "nomem";
    case LEDE_ERR_INVALID_ARG:
        return "invalid_arg";
    case LEDE_ERR_INVALID_UTF8:
        return "invalid_utf8";
    case LEDE_ERR_LIMIT:
        return "limit";
    }
    return "unknown";
}
