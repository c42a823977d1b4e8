"""The four steps of the Project Implementer programme (DESIGN §2)."""

STEPS = {
    1: "Call and proposal",
    2: "Review and selection",
    3: "Consultant selection",
    4: "Feasibility study and pilot",
}
