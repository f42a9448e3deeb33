package doctor

import (
	"errors"
	"testing"
)

func TestDockerChecks(t *testing.T) {
	const version = "/usr/bin/docker version --format {{.Server.Version}}"
	const inspect = "/usr/bin/docker image inspect --format {{.Id}} mesoslab/node:1"
	exit1 := errors.New("exit status 1")
	down := fakeCmd{out: Output{Stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n", ExitCode: 1}, err: exit1}
	tests := []struct {
		name              string
		installed         bool
		version, inspect  fakeCmd
		os                string
		docker, image     Status
		dockerMsg, imgMsg string
		dockerFix, imgFix string
	}{
		{name: "engine and image", installed: true, version: fakeCmd{out: Output{Stdout: "20.10.24+dfsg1\n"}},
			inspect: fakeCmd{out: Output{Stdout: "sha256:3f1e5c0a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f\n"}},
			docker:  StatusOK, dockerMsg: "Docker engine 20.10.24+dfsg1 answers", image: StatusOK, imgMsg: "node image mesoslab/node:1 is present (3f1e5c0a9b8d)"},
		{name: "image not built", installed: true, version: fakeCmd{out: Output{Stdout: "28.2.2\n"}},
			inspect: fakeCmd{out: Output{Stderr: "Error response from daemon: No such image: mesoslab/node:1\n", ExitCode: 1}, err: exit1},
			docker:  StatusOK, image: StatusFail, imgMsg: "node image mesoslab/node:1 is not built yet", imgFix: "`scripts/build-node-image.sh`"},
		{name: "engine down", installed: true, version: down, docker: StatusFail,
			dockerMsg: "the Docker engine does not answer: Cannot connect to the Docker daemon", dockerFix: "sudo systemctl start docker",
			image: StatusFail, imgMsg: "cannot look for image", imgFix: "fix the docker check first"},
		{name: "engine down on macOS", os: "darwin", installed: true, version: down, docker: StatusFail, dockerFix: "start Docker Desktop",
			image: StatusFail},
		{name: "old engine", installed: true, version: fakeCmd{out: Output{Stdout: "19.03.13\n"}},
			inspect: fakeCmd{out: Output{Stdout: "sha256:3f1e5c0a9b8d\n"}},
			docker:  StatusWarn, dockerMsg: "Docker engine 19.03.13 is older than 20.10.0", dockerFix: "upgrade Docker", image: StatusOK},
		{name: "not installed", docker: StatusFail, dockerMsg: "Docker is not installed", dockerFix: "sudo apt-get install docker.io",
			image: StatusFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			lab.Provider, lab.DockerImage = ProviderDocker, "mesoslab/node:1"
			if tt.os != "" {
				h.os = tt.os
			}
			if tt.installed {
				h.paths["docker"] = "/usr/bin/docker"
				h.cmds[version], h.cmds[inspect] = tt.version, tt.inspect
			}
			expect(t, runCheck(t, h, lab, "docker"), tt.docker, []string{tt.dockerMsg}, []string{tt.dockerFix})
			expect(t, runCheck(t, h, lab, "node-image"), tt.image, []string{tt.imgMsg}, []string{tt.imgFix})
		})
	}
}

func TestNodeImageNeedsAName(t *testing.T) {
	lab := haLab()
	lab.Provider = ProviderDocker
	expect(t, runCheck(t, healthyLinux(t), lab, "node-image"), StatusFail, []string{"names no node image"}, nil)
}
