#pragma once

#include "baidian/pos/local_store.h"

namespace baidian::pos {

/// Sets up a till database as the demo flagship HZ-F01/1: a small Aksu catalog (apples and
/// fragrant pears per jin, red dates per kg, walnuts and a gift box with barcodes), "second gift
/// box half price", cashier 1001 (PIN 1234) and supervisor 9001 (PIN 9999). Used by the demo and
/// the screenshot tool. Errors: the first step that failed.
Status seedDemoTill(LocalStore& store, int terminal = 1);

} // namespace baidian::pos
