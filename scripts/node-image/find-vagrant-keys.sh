#!/bin/bash
# find-vagrant-keys.sh copies every public key of Vagrant's insecure key pair(s)
# shipped by the installed vagrant package into DEST. Vagrant logs in with the
# matching private key on the first `vagrant up` and swaps in a key of its own.
set -euo pipefail

if [[ $# -ne 1 ]]; then
	echo "usage: find-vagrant-keys.sh DEST" >&2
	exit 2
fi
dest=$1

# The package keeps them in its gem's keys/ folder; where the gem lives
# depends on how Vagrant was installed.
found=()
if dpkg -L vagrant >/dev/null 2>&1; then
	mapfile -t found < <(dpkg -L vagrant | grep -E '/keys/[^/]+\.pub$' || true)
fi
if [[ ${#found[@]} -eq 0 ]]; then
	mapfile -t found < <(find /usr/share/rubygems-integration /usr/lib/ruby/vendor_ruby \
		/opt/vagrant/embedded/gems -path '*/keys/*.pub' -type f 2>/dev/null || true)
fi
if [[ ${#found[@]} -eq 0 ]]; then
	echo "find-vagrant-keys: no Vagrant public key found; is the vagrant package installed?" >&2
	exit 1
fi
mkdir -p "$dest"
for key in "${found[@]}"; do
	cp "$key" "$dest/"
	echo "find-vagrant-keys: $key"
done
