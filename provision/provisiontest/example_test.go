package provisiontest_test

import (
	"context"
	"fmt"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// A step is tested by scripting what the node answers. Here the unit is
// stopped until the step starts it; the test then reads which commands the
// step sent.
func Example() {
	node := provisiontest.New("master1")
	// Check, and Apply's own look, see a stopped unit; later checks see it running.
	node.On(`systemctl is-enabled`).Times(2).Stdout("enabled\ninactive\n")
	node.On(`systemctl is-enabled`).Stdout("enabled\nactive\n")
	node.On(`^systemctl daemon-reload`)

	step := provision.Service(provision.ServiceSpec{Name: "zookeeper", Enabled: true, Running: true})
	outcome, err := provision.Converge(context.Background(), node, step, false)
	fmt.Println(outcome, err)
	fmt.Println(node.Count(`systemctl start`), "start command:")
	fmt.Println(node.CommandLines()[2])
	// Output:
	// changed <nil>
	// 1 start command:
	// systemctl daemon-reload && systemctl start zookeeper
}
