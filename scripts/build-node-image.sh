#!/bin/bash
# build-node-image.sh builds the container lab's node image (Debian 12 with
# systemd and sshd, ready for Vagrant's docker provider) without Docker Hub:
# debootstrap from the machine's own Debian mirror, configure, docker import.
#
# usage: build-node-image.sh [--force] [IMAGE]     (as root)
#
# IMAGE defaults to mesoslab/node:debian-12. An existing image is kept unless
# --force is given. Environment:
#   MESOSLAB_APT_MIRROR  main archive URI (default: read from apt's sources)
#   MESOSLAB_CACHE       cache folder (default: $XDG_CACHE_HOME/mesoslab)
# The debootstrapped root file system is cached there, so a rebuild with the
# same mirror and package list skips debootstrap.
#
# node-image/ holds the files both this script and node-image/Dockerfile put
# into the image.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
files=$here/node-image
suite=bookworm

say() { printf 'build-node-image: %s\n' "$*"; }
die() {
	printf 'build-node-image: %s\n' "$*" >&2
	exit 1
}

force=0
image=
for arg in "$@"; do
	case $arg in
	--force) force=1 ;;
	-h | --help)
		sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
		exit 0
		;;
	-*) die "unknown option $arg (usage: build-node-image.sh [--force] [IMAGE])" ;;
	*)
		[[ -z $image ]] || die "only one IMAGE may be given"
		image=$arg
		;;
	esac
done
image=${image:-mesoslab/node:debian-12}

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
command -v docker >/dev/null || die "docker is not installed (apt-get install docker.io)"
timeout 20 docker info >/dev/null 2>&1 ||
	die "the Docker engine does not answer \`docker info\`; start dockerd first (scripts/setup-test-host.sh does)"

old_id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
if [[ -n $old_id && $force -eq 0 ]]; then
	say "image $image already exists; nothing to do (--force rebuilds it)"
	exit 0
fi

# shellcheck source=SCRIPTDIR/node-image/apt-sources.sh
. "$files/apt-sources.sh"
mirror=${MESOSLAB_APT_MIRROR:-$(apt_source_uri "$suite")}
[[ -n $mirror ]] || die "no apt source serves '$suite main' here; set MESOSLAB_APT_MIRROR"
if [[ -n ${MESOSLAB_APT_MIRROR:-} ]]; then
	suites=$suite
	security=
else
	suites=$(apt_source_suites "$suite")
	security=$(apt_source_uri "$suite-security")
fi
say "mirror $mirror ($suites)${security:+, security $security}"

cache=${MESOSLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mesoslab}
mkdir -p "$cache"
packages=$(grep -v '^#' "$files/packages" | paste -sd, -)
# The cache key covers what debootstrap is asked for, so a changed package
# list or mirror never reuses a stale root file system.
key=$(printf '%s\n' "$suite" "$mirror" "$packages" | sha256sum | cut -c1-16)
base=$cache/rootfs-$suite-$key.tar.gz

work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir "$root"

if [[ -s $base ]]; then
	say "using cached root file system $base"
	tar -C "$root" -xzpf "$base"
else
	say "debootstrap $suite (minbase + $packages)"
	keyring=()
	[[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
		keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
	start=$SECONDS
	debootstrap --variant=minbase "${keyring[@]}" --include="$packages" \
		"$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
		tail -n 30 "$work/debootstrap.log" >&2
		die "debootstrap failed (log above)"
	}
	say "debootstrap took $((SECONDS - start)) s; caching it"
	tar -C "$root" -czpf "$base.tmp" . && mv "$base.tmp" "$base"
fi

stage=$root/tmp/mesoslab-node-image
mkdir -p "$stage"
cp -r "$files"/. "$stage/"
"$files/find-vagrant-keys.sh" "$stage/vagrant-keys"
# Services must not start inside the chroot while it is being configured.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
APT_MIRROR=$mirror APT_SUITES=$suites APT_SECURITY_MIRROR=$security \
	chroot "$root" /tmp/mesoslab-node-image/configure-rootfs.sh
rm -rf "$stage" "$root/usr/sbin/policy-rc.d"

say "importing $image"
tar -C "$root" -c . | docker import \
	-c 'CMD ["/sbin/init"]' -c 'EXPOSE 22' -c 'ENV container=docker' \
	- "$image" >/dev/null
# systemd as PID 1 powers off on SIGRTMIN+3, while SIGTERM only makes it
# re-execute, so `docker stop` (and `vagrant halt`) would end in SIGKILL.
# `docker import` cannot set STOPSIGNAL; a build from the local image can,
# and needs no registry.
printf 'FROM %s\nSTOPSIGNAL SIGRTMIN+3\n' "$image" |
	DOCKER_BUILDKIT=0 docker build -q -t "$image" - >/dev/null 2>"$work/build.log" || {
	cat "$work/build.log" >&2
	die "could not set the image's stop signal"
}
# The replaced image (and its imported parent) would linger untagged; one
# still used by a container stays.
new_id=$(docker image inspect -f '{{.Id}}' "$image")
if [[ -n $old_id && $old_id != "$new_id" ]]; then
	docker rmi "$old_id" >/dev/null 2>&1 || true
fi
say "built $image ($(docker image inspect -f '{{.Size}}' "$image" | numfmt --to=iec))"
