// Package sample generates the bundled sample data: what a mid-size online
// shop ("Northwind Outfitters", a US web store and a Tmall store) would
// download from its helpdesks over two years, in the vendors' own formats:
// a Freshdesk ticket export, two overlapping Zendesk exports, an Aircall
// call log, a GBK-encoded Qianniu chat export, daily orders, the issue-type
// rules (types.yaml) and a README with the story and the true parameters.
//
// The data are synthetic but shaped like published field reports (Influx
// on BFCM ticket volume, LiveChat's 2015 report on 8.8 M chats):
// contacts follow orders with issue-type-specific lags (the week after
// Black Friday is the busiest for tickets), Black Friday, Cyber Monday and
// Double 11 multiply orders, weekdays and hours of the day have their
// profiles (a double hump on normal days, spikes at midnight, 10:00 and
// 23:00 on Double 11), and handle times rise at peak, gift cards taking 10x
// the time of other questions in December.
//
// Arrivals are a non-homogeneous Poisson process drawn with math/rand/v2's
// PCG: the same Options always give byte-identical files. Files returns the
// files as writers, so the caller decides where and how they are stored;
// Expected returns the true daily means for checking forecasts.
package sample
