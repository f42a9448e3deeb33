#!/bin/bash
# configure-rootfs.sh turns a Debian 12 root file system into a mesoslab node:
# the vagrant user, first-boot SSH host keys, container-friendly systemd and
# apt sources. It runs inside the root file system, as root: under chroot from
# build-node-image.sh, or as a RUN step of the Dockerfile beside it, so both
# images come from the same files.
#
# Inputs, from the folder this script is in:
#   vagrant-keys/*.pub   Vagrant's public insecure keys (find-vagrant-keys.sh)
# and from the environment:
#   APT_MIRROR           main archive URI; empty keeps the sources as they are
#   APT_SUITES           suites served there (default: bookworm)
#   APT_SECURITY_MIRROR  security archive URI; empty means none
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)

say() { printf 'configure-rootfs: %s\n' "$*"; }

setup_vagrant_user() {
	if ! id vagrant >/dev/null 2>&1; then
		useradd --create-home --user-group --shell /bin/bash vagrant
	fi
	# A '*' password cannot be used to log in but, unlike a locked '!', does
	# not make sshd refuse key logins.
	usermod --password '*' vagrant
	visudo -cq -f "$src/sudoers-vagrant"
	install -o root -g root -m 0440 "$src/sudoers-vagrant" /etc/sudoers.d/vagrant

	local keys=("$src"/vagrant-keys/*.pub)
	if [[ ! -e ${keys[0]} ]]; then
		say "no Vagrant public key in $src/vagrant-keys" >&2
		exit 1
	fi
	install -d -o vagrant -g vagrant -m 0700 /home/vagrant/.ssh
	cat "${keys[@]}" >/home/vagrant/.ssh/authorized_keys
	chown vagrant:vagrant /home/vagrant/.ssh/authorized_keys
	chmod 0600 /home/vagrant/.ssh/authorized_keys
	say "vagrant user with ${#keys[@]} authorized key file(s)"
}

setup_ssh() {
	install -m 0644 "$src/mesoslab-ssh-host-keys.service" /etc/systemd/system/
	install -m 0644 "$src/sshd-tmpfiles.conf" /etc/tmpfiles.d/sshd.conf
	systemctl enable mesoslab-ssh-host-keys.service ssh.service
	# Host keys made now would be shared by every container of the image.
	rm -f /etc/ssh/ssh_host_*
}

setup_systemd() {
	# Units that wait for consoles, devices or kernel file systems a
	# container does not have, and only make boot slower or "degraded".
	local unit
	while read -r unit; do
		[[ -z $unit || $unit == \#* ]] && continue
		systemctl mask "$unit"
	done <"$src/masked-units"
	# An empty machine-id makes systemd create a new one in each container.
	: >/etc/machine-id
	rm -f /var/lib/dbus/machine-id
}

setup_apt() {
	if [[ -z ${APT_MIRROR:-} ]]; then
		say "apt sources left as they are"
		return
	fi
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	{
		printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
			"$APT_MIRROR" "${APT_SUITES:-bookworm}" "$keyring"
		if [[ -n ${APT_SECURITY_MIRROR:-} ]]; then
			printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\nSigned-By: %s\n' \
				"$APT_SECURITY_MIRROR" "$keyring"
		fi
	} >/etc/apt/sources.list.d/debian.sources
	rm -f /etc/apt/sources.list
	say "apt sources: $APT_MIRROR (${APT_SUITES:-bookworm})${APT_SECURITY_MIRROR:+ and $APT_SECURITY_MIRROR}"
}

setup_vagrant_user
setup_ssh
setup_systemd
setup_apt
apt-get clean
rm -rf /var/lib/apt/lists/*
