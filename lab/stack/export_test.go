package stack

// AppURL is (*Marathon).appURL, for the external tests.
func AppURL(m *Marathon, id string) string { return m.appURL(id) }
