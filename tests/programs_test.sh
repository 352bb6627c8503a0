#!/usr/bin/env bash
# Every program answers --help and --version with exit 0 and a line that names it, and writes
# nothing: run in an empty folder, the folder stays empty (baidian-demo once ran its demo there).
#   programs_test.sh PROGRAM...
set -uo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/.xdg-not-here"
failed=0
for program in "$@"; do
    program=$(realpath "$program")
    name=$(basename "$program")
    for flag in --help --version; do
        dir="$work/run"
        rm -rf "$dir" && mkdir "$dir"
        out=$(cd "$dir" && HOME="$dir" timeout 20 "$program" "$flag" 2>&1)
        rc=$?
        left=$(ls -A "$dir")
        if [ $rc -ne 0 ]; then
            echo "FAIL $name $flag: exit $rc: $out"; failed=1
        elif [ -n "$left" ]; then
            echo "FAIL $name $flag wrote: $left"; failed=1
        elif [ "$flag" = --version ] && ! grep -q "^$name [0-9]" <<<"$out"; then
            echo "FAIL $name --version printed: $out"; failed=1
        elif [ "$flag" = --help ] && ! grep -qi "usage" <<<"$out"; then
            echo "FAIL $name --help printed no usage: $out"; failed=1
        else
            echo "ok   $name $flag"
        fi
    done
done
exit $failed
