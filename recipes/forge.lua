-- Built by hand in any factory: the first component every smith needs.
recipe = {
  name = "Forge",
  inputs = { ore = 6, wood = 4 },
  outputs = { forge = 1 },
  makes = "component",
  duration = 30000,                 -- quick, so a newcomer fits a forge in the first session
}
