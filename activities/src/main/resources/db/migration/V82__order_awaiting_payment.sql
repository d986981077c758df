-- An order whose charge waits for the customer to authenticate it shows AWAITING_PAYMENT (docs/fulfilment.md).
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('RECEIVED', 'BACKORDERED', 'STOCK_RESERVED',
    'IN_REVIEW', 'AWAITING_PAYMENT', 'PAID', 'SHIPMENT_BOOKED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY',
    'SHIPMENT_EXCEPTION', 'DELIVERED', 'CANCELED', 'CANCELED_BACKORDER', 'FAILED'));
