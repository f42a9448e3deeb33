package stack

// App is a Marathon application definition, the part the demo sets.
type App struct {
	ID          string     `json:"id"`
	Cmd         string     `json:"cmd"`
	CPUs        float64    `json:"cpus"`
	Mem         float64    `json:"mem"`
	Instances   int        `json:"instances"`
	Constraints [][]string `json:"constraints,omitempty"`
	Container   *Container `json:"container,omitempty"`
	// PortDefinitions asks for host ports; one port with number 0 lets
	// Marathon pick it, which gives Mesos-DNS an SRV record to publish.
	PortDefinitions []PortDefinition `json:"portDefinitions,omitempty"`
}

// PortDefinition is one host port of an app.
type PortDefinition struct {
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
	Name     string `json:"name,omitempty"`
}

// Container runs an app in a container image instead of the agent's shell.
type Container struct {
	Type   string  `json:"type"`
	Docker *Docker `json:"docker,omitempty"`
}

// Docker is the Docker part of a container.
type Docker struct {
	Image string `json:"image"`
}

// AppStatus is an app as GET /v2/apps/ID?embed=app.tasks shows it.
type AppStatus struct {
	ID           string       `json:"id"`
	Instances    int          `json:"instances"`
	TasksRunning int          `json:"tasksRunning"`
	TasksStaged  int          `json:"tasksStaged"`
	Deployments  []Deployment `json:"deployments"`
	Tasks        []Task       `json:"tasks"`
	Container    *Container   `json:"container"`
	// LastTaskFailure says why the last task failed, if one did.
	LastTaskFailure *TaskFailure `json:"lastTaskFailure"`
}

// TaskFailure is Marathon's record of a task that failed.
type TaskFailure struct {
	Host    string `json:"host"`
	Message string `json:"message"`
	State   string `json:"state"`
	TaskID  string `json:"taskId"`
}

// RunningTasks returns the tasks that run.
func (a AppStatus) RunningTasks() []Task {
	var out []Task
	for _, t := range a.Tasks {
		if t.Running() {
			out = append(out, t)
		}
	}
	return out
}

// Ready reports whether the app runs all its instances with no deployment
// left, which is when a deploy or an update is done.
func (a AppStatus) Ready() bool {
	return len(a.Deployments) == 0 && a.Instances > 0 && len(a.RunningTasks()) == a.Instances
}

// Deployment names a deployment in progress.
type Deployment struct {
	ID string `json:"id"`
}

// Task is one task of an app.
type Task struct {
	ID      string `json:"id"`
	AppID   string `json:"appId"`
	Host    string `json:"host"`
	SlaveID string `json:"slaveId"`
	// State is TASK_RUNNING and friends; Marathon before 1.4 leaves it
	// out, and StartedAt is then the sign the task runs.
	State     string `json:"state"`
	StagedAt  string `json:"stagedAt"`
	StartedAt string `json:"startedAt"`
	Ports     []int  `json:"ports"`
}

// Running reports whether the task runs.
func (t Task) Running() bool {
	if t.State != "" {
		return t.State == "TASK_RUNNING"
	}
	return t.StartedAt != ""
}
