package stack

import (
	"encoding/json"
	"fmt"
	"strings"
)

// MarathonFramework is the framework name Marathon registers by default
// (--framework_name); the lab keeps the default.
const MarathonFramework = "marathon"

// MarathonInfo is the part of Marathon's /v2/info the lab checks.
type MarathonInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Elected bool   `json:"elected"`
	// Leader is the leader's host:port, as Marathon's --hostname names it.
	Leader         string `json:"leader"`
	FrameworkID    string `json:"frameworkId"`
	MarathonConfig struct {
		Master        string `json:"master"`
		FrameworkName string `json:"framework_name"`
	} `json:"marathon_config"`
	ZooKeeperConfig struct {
		ZK string `json:"zk"`
	} `json:"zookeeper_config"`
}

// ParseMarathonInfo reads /v2/info; an answer without a version is an error.
func ParseMarathonInfo(body []byte) (MarathonInfo, error) {
	var info MarathonInfo
	if err := json.Unmarshal(body, &info); err != nil {
		return info, fmt.Errorf("marathon info: %w", err)
	}
	if info.Version == "" {
		return info, fmt.Errorf("marathon info has no version: %s", Snippet(body))
	}
	return info, nil
}

// IsPong accepts every form /ping took across Marathon and Chronos
// versions: pong, "pong" and pong with a newline.
func IsPong(body []byte) bool {
	return strings.Trim(string(body), "\" \r\n") == "pong"
}
