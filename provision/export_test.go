package provision

// NewAptKeyStep is SignedRepo's key step over the given keyring and marker
// files, so that the tests of provision_test can run it in a directory of
// their own with the real curl and gpg.
func NewAptKeyStep(spec SignedRepoSpec, keyring, marker string) Step {
	return &aptKeyStep{spec: spec, keyring: keyring, marker: marker}
}
