# Makes eighteen panels that the project was never tuned on from the data of the tidyverts `tsibbledata` R package and of
# the `fpp3` package of Hyndman and Athanasopoulos' Forecasting: Principles and Practice, 3rd edition (their
# data/*.rda files, e.g. from github.com/tidyverts/tsibbledata and github.com/robjhyndman/fpp3package), dated as
# analysts have them (ISO dates: a year's, month's or quarter's first day, an ISO week's Monday), so that
# `recur forecast` infers each file's frequency itself:
#   gdp        yearly GDP of 263 countries (global_economy), 1960-2017, h 6
#   exports    yearly exports as a share of GDP of the same countries (a ratio: no growth), h 6
#   retail     monthly retail turnover of 152 Australian state-and-industry series (aus_retail) from 2000, h 24
#   employment monthly US employment of 148 industries (us_employment) from 2000, h 24
#   inbound    monthly arrivals in Australia by country and purpose (aus_inbound, fpp3), 114 series, h 24
#   pbs        monthly prescriptions of 336 drug groups (PBS Scripts), many of few scripts and zeros, h 12
#   livestock  monthly livestock slaughtered by animal and state (aus_livestock), h 24
#   offences   monthly NSW offences by type (nsw_offences, fpp3), h 12
#   ansett     weekly Ansett airline passengers by route and class, 1987-1992, with the 1989 strike, h 13
#   mortality  weekly Australian deaths by sex and age (aus_mortality, fpp3), h 13
#   pageviews  daily page views of the fpp book (otexts_views, fpp3), one series, h 28
#   gasoline   weekly US gasoline product supplied (us_gasoline, fpp3), one series, h 13
#   quarterly  quarterly accommodation, arrivals, tobacco and production series of Australia (tsibbledata, fpp3), h 8
#   fertility  yearly Australian fertility rates by region and age (aus_fertility, fpp3), 1975-2022, h 6
#   electricity half-hourly electricity demand of Victoria (vic_elec), 2012-2014, in UTC, one series, h 48
#   walkers    daily pedestrian counts in Melbourne (melb_walkers, fpp3), one series, h 28
#   domestic   quarterly domestic overnight trips in Australia by region and purpose (tourism, of the tsibble package),
#              304 series, 1998-2017, h 8
#   yearlymisc yearly household budgets of four countries (hh_budget), commodity prices (prices), pelts (pelt), Guinea's
#              rice production and Australian air passengers (guinea_rice, aus_airpassengers, fpp3), 34 series, h 6
# Of each series the last stretch without a missing value is kept where it leaves at least MIN values to train on
# (6 for yearly, two seasons plus one for the others) and a non-zero in-sample MASE scale. Each panel as the long
# files unique_id,ds,y that `recur forecast` reads, the last h values of each series held out:
#   OUTDIR/NAME-train.csv, OUTDIR/NAME-test.csv; OUTDIR/panels.txt lists name, h, season and series count.
# Usage: Rscript bench/tsibbledata-panels.R DATADIR OUTDIR, DATADIR holding global_economy.rda, aus_retail.rda, PBS.rda,
# aus_livestock.rda and ansett.rda (tsibbledata) and us_employment.rda, aus_inbound.rda, nsw_offences.rda,
# aus_mortality.rda, otexts_views.rda and us_gasoline.rda (fpp3); for the last four also aus_accommodation.rda,
# aus_production.rda and vic_elec.rda (tsibbledata) and aus_arrivals.rda, aus_tobacco.rda, aus_fertility.rda and
# melb_walkers.rda (fpp3); for the last two also tourism.rda (github.com/tidyverts/tsibble's data/), hh_budget.rda and
# pelt.rda (tsibbledata) and prices.rda, guinea_rice.rda and aus_airpassengers.rda (fpp3). Loading them needs neither package: the tables'
# index columns (tsibble's yearmonth, yearweek, Date) are days since 1970-01-01 underneath; vic_elec's times (POSIXct,
# seconds) are written as UTC times.
a <- commandArgs(trailingOnly = TRUE)
if (length(a) != 2) stop("usage: Rscript bench/tsibbledata-panels.R DATADIR OUTDIR")
dir.create(a[2], showWarnings = FALSE, recursive = TRUE)
listing <- file.path(a[2], "panels.txt"); cat("", file = listing)
get_rda <- function(name) { e <- new.env(); load(file.path(a[1], paste0(name, ".rda")), envir = e); get(name, envir = e) }
# tsibble's yearmonth, yearquarter, yearweek and Date are days since 1970-01-01; a year is a number
as_date <- function(x, year = FALSE) if (year) sprintf("%d-01-01", as.integer(x)) else
  if (inherits(x, "POSIXct")) format(x, "%Y-%m-%d %H:%M", tz = "UTC") else
  format(as.Date(as.numeric(unclass(x)), origin = "1970-01-01"))
panel <- function(name, x, keys, index, value, h, m, from = NULL, year = FALSE) {
  x <- as.data.frame(x)
  id <- if (length(keys) == 0) rep(name, nrow(x)) else do.call(paste, c(lapply(keys, function(k) as.character(x[[k]])), sep = " / "))
  t <- as.numeric(unclass(x[[index]])); y <- as.numeric(x[[value]])
  if (!is.null(from)) { keep <- t >= from; id <- id[keep]; t <- t[keep]; y <- y[keep]; x <- x[keep, , drop = FALSE] }
  ds <- as_date(x[[index]], year)
  min_train <- if (m == 1) 6 else 2 * m + 1
  tr <- list(); te <- list()
  id <- gsub(",", "", id)  # written unquoted, as r_panel.R writes its forecasts
  for (s in unique(id)) {
    i <- which(id == s); i <- i[order(t[i])]
    ok <- !is.na(y[i]); if (!any(ok)) next
    last <- max(which(ok)); first <- last
    while (first > 1 && ok[first - 1]) first <- first - 1  # the last stretch without a missing value
    i <- i[first:last]; n <- length(i) - h
    if (n < min_train) next
    lag <- if (n > m) m else 1
    if (mean(abs(diff(y[i[1:n]], lag = lag))) == 0 || all(y[i[n + 1:h]] == 0)) next
    tr[[length(tr) + 1]] <- data.frame(unique_id = s, ds = ds[i[1:n]], y = y[i[1:n]])
    te[[length(te) + 1]] <- data.frame(unique_id = s, ds = ds[i[n + 1:h]], y = y[i[n + 1:h]])
  }
  write.csv(do.call(rbind, tr), file.path(a[2], paste0(name, "-train.csv")), row.names = FALSE, quote = FALSE)
  write.csv(do.call(rbind, te), file.path(a[2], paste0(name, "-test.csv")), row.names = FALSE, quote = FALSE)
  cat(name, h, m, length(tr), "\n", file = listing, append = TRUE)
  cat(name, length(tr), "series\n")
}
ge <- get_rda("global_economy")
panel("gdp", ge, "Country", "Year", "GDP", 6, 1, year = TRUE)
panel("exports", ge, "Country", "Year", "Exports", 6, 1, year = TRUE)
from2000 <- as.numeric(as.Date("2000-01-01"))
panel("retail", get_rda("aus_retail"), c("State", "Industry"), "Month", "Turnover", 24, 12, from = from2000)
panel("employment", get_rda("us_employment"), "Series_ID", "Month", "Employed", 24, 12, from = from2000)
panel("inbound", get_rda("aus_inbound"), c("Country", "Purpose"), "Month", "Count", 24, 12)
panel("pbs", get_rda("PBS"), c("Concession", "Type", "ATC2"), "Month", "Scripts", 12, 12)
panel("livestock", get_rda("aus_livestock"), c("Animal", "State"), "Month", "Count", 24, 12)
panel("offences", get_rda("nsw_offences"), "Type", "Month", "Count", 12, 12)
panel("ansett", get_rda("ansett"), c("Airports", "Class"), "Week", "Passengers", 13, 52)
panel("mortality", get_rda("aus_mortality"), c("Sex", "Age"), "Week", "Deaths", 13, 52)
panel("pageviews", get_rda("otexts_views"), character(0), "Date", "Pageviews", 28, 7)
panel("gasoline", get_rda("us_gasoline"), character(0), "Week", "Barrels", 13, 52)
# four more, added at stop 78: a quarterly panel (Australian accommodation takings and occupancy by state, arrivals
# from four countries, tobacco expenditure by state and six production series), yearly fertility rates by region and
# age, and two single series of other frequencies
q <- function(x, keys, index, value, name) { x <- as.data.frame(x)
  data.frame(Key = paste(name, do.call(paste, c(lapply(keys, function(k) as.character(x[[k]])), sep = " / ")), sep = " / "),
             Quarter = as.numeric(unclass(x[[index]])), Value = as.numeric(x[[value]])) }
acc <- get_rda("aus_accommodation"); prod <- as.data.frame(get_rda("aus_production"))
quarterly <- rbind(q(acc, "State", "Date", "Takings", "accommodation takings"),
                   q(acc, "State", "Date", "Occupancy", "accommodation occupancy"),
                   q(get_rda("aus_arrivals"), "Origin", "Quarter", "Arrivals", "arrivals"),
                   q(get_rda("aus_tobacco"), "State", "Quarter", "Expenditure", "tobacco"),
                   do.call(rbind, lapply(c("Beer", "Tobacco", "Bricks", "Cement", "Electricity", "Gas"), function(v)
                     data.frame(Key = paste("production /", v), Quarter = as.numeric(unclass(prod$Quarter)), Value = prod[[v]]))))
panel("quarterly", quarterly, "Key", "Quarter", "Value", 8, 4)
panel("fertility", get_rda("aus_fertility"), c("Region", "Age"), "Year", "Rate", 6, 1, year = TRUE)
panel("electricity", get_rda("vic_elec"), character(0), "Time", "Demand", 48, 48)
panel("walkers", get_rda("melb_walkers"), character(0), "Date", "Count", 28, 7)
# two more, added at stop 82: Australia's domestic tourism by region and purpose (quarterly, all ending in 2017 Q4) and
# a yearly panel of other kinds (household budgets, prices, ecology, production, travel)
panel("domestic", get_rda("tourism"), c("Region", "State", "Purpose"), "Quarter", "Trips", 8, 4)
wide <- function(x, index, vars, name, key = NULL) { x <- as.data.frame(x)
  do.call(rbind, lapply(vars, function(v) data.frame(
    Key = paste(name, if (is.null(key)) v else paste(x[[key]], v, sep = " / "), sep = " / "),
    Year = as.numeric(x[[index]]), Value = as.numeric(x[[v]])))) }
misc <- rbind(wide(get_rda("hh_budget"), "Year", c("Debt", "DI", "Expenditure", "Savings", "Wealth", "Unemployment"),
                   "household", "Country"),
              wide(get_rda("prices"), "year", c("eggs", "chicken", "copper", "nails", "oil", "wheat"), "prices"),
              wide(get_rda("pelt"), "Year", c("Hare", "Lynx"), "pelts"),
              wide(get_rda("guinea_rice"), "Year", "Production", "Guinea rice"),
              wide(get_rda("aus_airpassengers"), "Year", "Passengers", "Australian air passengers"))
panel("yearlymisc", misc, "Key", "Year", "Value", 6, 1, year = TRUE)
