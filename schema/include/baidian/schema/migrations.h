#pragma once

#include "baidian/db/migrator.h"

#include <span>

namespace baidian::schema {

/// Migrations of a till's local database (schema/store/NNNN_*.sql), in order.
std::span<const db::Migration> storeMigrations();

/// Migrations of the central server's database (schema/server/NNNN_*.sql), in order.
std::span<const db::Migration> serverMigrations();

} // namespace baidian::schema
