package doctor

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/mesoslab/mesoslab/provision/aptkey"
)

// keyWarnWithin is how close to its expiry the signing key is reported: a
// lab built now would stop installing from the repository soon after.
const keyWarnWithin = 30 * 24 * time.Hour

// The mesoslab.yaml keys the findings name.
const (
	keyURLKey  = "sources.mesos.key_url"
	repoKeyKey = "sources.mesos.repo"
)

const keyURLFix = "check that this host reaches it (the lab's machines fetch it the same way), or set " + keyURLKey +
	" in mesoslab.yaml to a reachable copy of the repository's signing key"

// checkMesosKey fetches the Mesos repository's signing key from this host,
// as provisioning will from every machine, and reads its expiry with the
// same rules (provision/aptkey): AVENTER rotates its key every two years,
// and an expired key would otherwise stop `up` only once the VMs are built.
func checkMesosKey(ctx context.Context, p *probe, lab Lab) finding {
	src := lab.MesosKeyURL
	if src == "" {
		return ok("no component of the lab installs from the Mesos repository")
	}
	if u, err := url.Parse(src); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ok(fmt.Sprintf("%s = %s is read on the machines, not from this host: not checked", keyURLKey, src))
	}
	body, err := p.h.Fetch(ctx, src)
	if err != nil {
		return finding{StatusFail, fmt.Sprintf("cannot fetch the signing key %s: %v", src, err), keyURLFix}
	}
	certs, err := aptkey.ReadArmored(body)
	if err != nil {
		return finding{StatusFail, fmt.Sprintf("the signing key %s cannot be read: %v", src, err),
			"set " + keyURLKey + " to the URL of the repository's armored (.asc) public key"}
	}
	now := time.Now()
	if problem, ok := aptkey.Usable(certs, now.Unix()); !ok {
		return finding{StatusFail, fmt.Sprintf("the signing key %s: %s, so apt will refuse the repository", src, problem),
			"the repository's owner extends or replaces its key every few years: set " + keyURLKey +
				" in mesoslab.yaml to the URL of the current key, or point " + repoKeyKey + " and " + keyURLKey +
				" at a mirror signed with a valid key"}
	}
	c, until, _ := aptkey.SignsUntil(certs, now.Unix())
	name := fmt.Sprintf("signing key %s (%s)", c.Primary.ID, src)
	if until == 0 {
		return ok(name + " never expires")
	}
	left := time.Unix(until, 0).Sub(now)
	line := fmt.Sprintf("%s expires on %s, in %s", name, aptkey.Day(until), days(left))
	if left < keyWarnWithin {
		return finding{StatusWarn, line,
			"a lab provisioned after that date cannot install from the repository: watch " + src +
				" for the extended key (mesoslab fetches it again), or set " + keyURLKey + " to the current key"}
	}
	return ok(line)
}

// days writes a duration as whole days, "1 day", "29 days".
func days(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	if n < 1 {
		return "less than a day"
	}
	return plural(n, "day")
}
