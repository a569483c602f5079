#!/bin/sh
# The official nginx image's entrypoint, reduced to what compose uses: before nginx starts, each file
# of /docker-entrypoint.d in version order is sourced (*.envsh, so it can export variables) or run
# (*.sh), when executable.
set -eu
if [ "$1" = nginx ]; then
  for f in $(find /docker-entrypoint.d/ -follow -type f | sort -V); do
    [ -x "$f" ] || { echo "$0: ignoring $f, not executable"; continue; }
    case "$f" in
      *.envsh) echo "$0: sourcing $f"; . "$f" ;;
      *.sh) echo "$0: running $f"; "$f" ;;
    esac
  done
fi
exec "$@"
