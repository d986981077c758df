-- An order's view sums its confirmed refunds (OrderRowRepository.SELECT_ROW), made by the order or at the provider.
CREATE INDEX order_refunds_order_idx ON order_refunds (order_id);
