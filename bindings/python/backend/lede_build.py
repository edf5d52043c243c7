"""A PEP 517 build backend for the lede package, standard library only.

pip calls these hooks to build the wheel (and an sdist, or an editable wheel
for `pip install -e`). A wheel is a zip file with the package and a
`.dist-info` folder (METADATA, WHEEL, RECORD); writing one takes zipfile,
hashlib and base64, so the build needs no setuptools, no `wheel` package and
no network.

By default the wheel holds only Python code (py3-none-any) and the package
finds liblede at run time. To ship liblede inside the wheel (for instance to
hand one file to the workers of a cluster), name it at build time:

    LEDE_WHEEL_LIBRARY=build/lib/liblede.so.0 python3 -m pip wheel ./bindings/python

or with pip's `--config-settings library=PATH`; the wheel is then tagged for
this platform and the package loads the copy next to it.
"""
import base64
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "lede"
SUMMARY = "English news text into documents, speakers, quotes and metrics (ctypes binding of liblede)"
REQUIRES_PYTHON = ">=3.8"
BUNDLED_NAME = "liblede.so.0"


def _version():
    with open(os.path.join(HERE, PACKAGE, "__init__.py"), encoding="utf-8") as f:
        return re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)


def _metadata():
    return (
        "Metadata-Version: 2.1\n"
        "Name: %s\n"
        "Version: %s\n"
        "Summary: %s\n"
        "License: MIT\n"
        "Requires-Python: %s\n" % (PACKAGE, _version(), SUMMARY, REQUIRES_PYTHON)
    )


def _package_files():
    """(path in the wheel, path on disk) of every module of the package."""
    folder = os.path.join(HERE, PACKAGE)
    return [
        ("%s/%s" % (PACKAGE, name), os.path.join(folder, name))
        for name in sorted(os.listdir(folder))
        if name.endswith(".py")
    ]


def _bundled_library(config_settings):
    path = (config_settings or {}).get("library") or os.environ.get("LEDE_WHEEL_LIBRARY")
    if path and not os.path.isfile(path):
        raise FileNotFoundError("lede_build: no library at %s" % path)
    return path or None


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def _write_wheel(wheel_directory, files, tag, purelib):
    """Write a wheel of `files`, a list of (name in the wheel, bytes)."""
    version = _version()
    dist_info = "%s-%s.dist-info" % (PACKAGE, version)
    files = list(files)
    files.append(("%s/METADATA" % dist_info, _metadata().encode()))
    files.append(
        (
            "%s/WHEEL" % dist_info,
            (
                "Wheel-Version: 1.0\nGenerator: lede_build\nRoot-Is-Purelib: %s\nTag: %s\n"
                % ("true" if purelib else "false", tag)
            ).encode(),
        )
    )
    files.append(("%s/top_level.txt" % dist_info, (PACKAGE + "\n").encode()))
    record_name = "%s/RECORD" % dist_info
    record = [_record_line(name, data) for name, data in files] + [record_name + ",,"]
    files.append((record_name, ("\n".join(record) + "\n").encode()))

    filename = "%s-%s-%s.whl" % (PACKAGE, version, tag)
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so.0") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return filename


def _read(path):
    with open(path, "rb") as f:
        return f.read()


# ---- the PEP 517 hooks ------------------------------------------------------


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = [(name, _read(path)) for name, path in _package_files()]
    library = _bundled_library(config_settings)
    if library:
        files.append(("%s/%s" % (PACKAGE, BUNDLED_NAME), _read(library)))
        platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        return _write_wheel(wheel_directory, files, "py3-none-" + platform, purelib=False)
    return _write_wheel(wheel_directory, files, "py3-none-any", purelib=True)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # A .pth file puts this folder on sys.path: the package is used in place.
    pth = ("_%s_editable.pth" % PACKAGE, (HERE + "\n").encode())
    return _write_wheel(wheel_directory, [pth], "py3-none-any", purelib=True)


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (PACKAGE, _version())
    names = ["pyproject.toml", "backend/lede_build.py"]
    names += [name for name, _ in _package_files()]
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for name in names:
            data = _read(os.path.join(HERE, name))
            info = tarfile.TarInfo("%s/%s" % (base, name))
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo("%s/PKG-INFO" % base)
        info.size, info.mode, info.mtime = len(pkg_info), 0o644, 0
        tar.addfile(info, io.BytesIO(pkg_info))
    return filename
