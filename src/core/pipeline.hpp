// The recruitment pipeline's stage machine (docs/actions.md, "prospect.advance"):
// identified -> contacted -> interested -> applied -> joined, one step at a time;
// any stage before joined -> declined; declined -> identified reopens. Joined is final.
#pragma once

#include <vector>

#include "core/model.hpp"

namespace portal {

bool stage_transition_allowed(Stage from, Stage to);
std::vector<Stage> next_stages(Stage from);  // the stages a prospect may move to, for the UI

}  // namespace portal
