package config

// The container lab reserves nothing up front: a container takes memory as
// its services use it and shares the host's CPUs. So each container is
// limited to what the services of its role need with the lab's components
// (MinMemoryMB), rendered as `docker run --memory` in the Vagrantfile, and
// that limit is what the doctor charges the host. The spec's memory sizes
// the VirtualBox lab's VMs; its CPUs cap each container (`--cpus`).

// ContainerMemoryMB is the memory limit of node n's container.
func (p *Plan) ContainerMemoryMB(n Node) int {
	mb, _ := MinMemoryMB(n.Role, p.Spec.Components)
	return mb
}

// ContainerSizes is the limit of a master's and of an agent's container.
func (p *Plan) ContainerSizes() (master, agent int) {
	return p.ContainerMemoryMB(Node{Role: RoleMaster}), p.ContainerMemoryMB(Node{Role: RoleAgent})
}
