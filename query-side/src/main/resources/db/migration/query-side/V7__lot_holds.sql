-- Which lots each reservation was allocated from, for the lot read model: a confirmation names the lots it
-- consumed, and the lots it held must be given back. Written by LotProjection itself, at once, so it never depends
-- on another projection's (batched) rows. Kept after the reservation settles, so a replay finds it again.
CREATE TABLE stock_lot_hold (
    reservation_id UUID  NOT NULL,
    lots           JSONB NOT NULL,
    CONSTRAINT stock_lot_hold_pk PRIMARY KEY (reservation_id)
);
