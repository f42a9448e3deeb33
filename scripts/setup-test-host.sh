#!/bin/bash
# setup-test-host.sh prepares a Debian 12 machine, as root, for mesoslab's
# tests that start real parts: Docker engine, Vagrant, debootstrap, sshd and
# ZooKeeper, then the container lab's node image. Each step runs only when
# needed, so running it again is cheap. Elsewhere (not root, not Debian) it
# does nothing and says why: those tests then skip on their own.
#
# usage: setup-test-host.sh
# Environment: MESOSLAB_NODE_IMAGE (default mesoslab/node:debian-12).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${MESOSLAB_NODE_IMAGE:-mesoslab/node:debian-12}
dockerd_log=/var/log/mesoslab-dockerd.log
# zookeeper, not zookeeperd: tests start their own ensembles on loopback and
# must not meet a system service already bound to 2181.
packages=(docker.io vagrant debootstrap openssh-server sudo zookeeper)

say() { printf 'setup-test-host: %s\n' "$*"; }
die() {
	printf 'setup-test-host: %s\n' "$*" >&2
	exit 1
}

if [[ $(id -u) -ne 0 ]]; then
	say "skipped: not root, so nothing is installed or started (tests needing them will skip)"
	exit 0
fi
os_id=$(. /etc/os-release 2>/dev/null && echo "${ID:-}")
if [[ $os_id != debian ]] || ! command -v apt-get >/dev/null; then
	say "skipped: not Debian (${os_id:-unknown}); install ${packages[*]} by hand"
	exit 0
fi

install_packages() {
	local missing=() p
	for p in "${packages[@]}"; do
		if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) != "install ok installed" ]]; then
			missing+=("$p")
		fi
	done
	if [[ ${#missing[@]} -eq 0 ]]; then
		say "packages present: ${packages[*]}"
		return
	fi
	say "apt-get update"
	apt-get update -qq -o DPkg::Lock::Timeout=300
	local policy
	for p in "${missing[@]}"; do
		policy=$(apt-cache policy "$p")
		if [[ $policy != *"Candidate: "[0-9]* ]]; then
			die "package $p has no install candidate in this machine's apt sources"
		fi
	done
	say "apt-get install ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

start_docker() {
	if docker_answers; then
		say "Docker engine answers"
		return
	fi
	if [[ -d /run/systemd/system ]]; then
		say "systemctl start docker"
		systemctl start docker
	else
		command -v dockerd >/dev/null || die "dockerd is not installed"
		say "starting dockerd in the background (log: $dockerd_log)"
		# setsid: the engine must outlive this script and the make that ran it.
		setsid dockerd >"$dockerd_log" 2>&1 </dev/null &
	fi
	local deadline=$((SECONDS + 60))
	until [[ -S /var/run/docker.sock ]] && docker_answers; do
		if ((SECONDS >= deadline)); then
			tail -n 20 "$dockerd_log" >&2 2>/dev/null || true
			die "the Docker engine did not answer within 60 s"
		fi
		sleep 1
	done
	say "Docker engine answers"
}

build_image() {
	if docker image inspect "$image" >/dev/null 2>&1; then
		say "image $image present"
		return
	fi
	say "building image $image"
	"$here/build-node-image.sh" "$image"
}

install_packages
start_docker
build_image
