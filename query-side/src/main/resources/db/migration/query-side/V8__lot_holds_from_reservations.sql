-- The lots a reservation holds are in its reservation row (reservation.lots, written since V6), which the lot read
-- model now reads when the reservation is confirmed: one insert fewer per reservation. stock_lot_hold held the same.
DROP TABLE IF EXISTS stock_lot_hold;
