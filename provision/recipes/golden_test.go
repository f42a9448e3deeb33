package recipes

import "flag"

// update rewrites the golden files under testdata/golden instead of
// comparing against them: go test ./provision/recipes -update. It is
// declared once for the whole package; a test in package recipes_test reads
// it with flag.Lookup("update").
var update = flag.Bool("update", false, "rewrite the golden files in testdata")
