// Package lab runs the operations on one lab directory: bring-up (Up),
// provisioning, verification, status, halt, destroy, shells and logs. What a
// lab is (Spec, Plan, validation) lives in lab/config; lab adapts it to the
// leaf packages (vagrant, provision/recipes, lab/doctor, lab/health).
// It imports no UI: commands render what it returns.
//
// Imports run one way: cmd → lab → lab/config, lab/doctor, lab/health,
// provision/recipes, vagrant. Nothing below lab imports lab, and lab/config
// imports only the port table of lab/stack, a leaf.
package lab
