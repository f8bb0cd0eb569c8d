#!/usr/bin/env python3
"""Generates the bundled sample data: Northwind Analytics, a fictional B2B SaaS company,
across the four quarters of 2025 (exports as of 2025-12-31).

    python3 sample-data/generate.py          # rewrites the four CSV files beside this script

Fixed seed: the same files every time. See README.md in this folder for the leaks planted.
"""
import csv
import datetime as dt
import os
import random

SEED = 20251231
AS_OF = dt.datetime(2025, 12, 31, 23, 59)
HERE = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)
# Data-quality slips draw from their own stream, so adding them left every other value as it was.
dq = random.Random(SEED + 1)

FIRST = "Ava Ben Chloe Dan Elena Farid Grace Hugo Ines Jonas Kira Liam Maya Noah Olga Pavel Quinn Rosa Sven Tara Umar Vera Wen Xavi Yara Zoe".split()
LAST = "Adler Brooks Costa Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Lopez Moreau Novak Okafor Petrov Quinn Rossi Schmidt Tanaka Ueda Varga Weber Young Zimmer".split()
COMPANY_A = "Acme Blue Bright Cedar Delta Echo Fjord Granite Harbor Iron Juniper Kite Lumen Maple Nimbus Orbit Pine Quartz River Summit Tidal Umbra Vertex Willow Zenith".split()
COMPANY_B = "Labs Systems Logistics Health Retail Foods Energy Bank Media Robotics Capital Works".split()
SOURCES = ["Organic Search", "Paid Search", "Paid Social", "Email Marketing", "Referrals", "Direct Traffic", "Offline Sources"]
SEGMENTS = ["SMB", "Mid-Market", "Enterprise"]
REGIONS = ["North America", "EMEA", "APAC"]
SDRS = ["Jordan Blake", "Priya Shah", "Marcus Reed", "Lena Vogel", "Tom Okoro"]
AES = ["Sofia Marin", "Daniel Cho", "Hannah Price"]
CSMS = ["Ruth Alvarez", "Kenji Mori", "Claire Dupont"]
STAGES = ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent"]
LOST_REASONS = ["No budget", "Chose competitor", "No decision", "Timing", "Missing feature"]


def company():
    return f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"


def rand_time(start, end):
    span = (end - start).total_seconds()
    return start + dt.timedelta(seconds=rng.random() * span)


def hs(t):
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def write(name, header, rows, preamble=(), footer=(), encoding="utf-8", newline="\n"):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding=encoding, newline="") as f:
        for line in preamble:
            f.write(line + newline)
        w = csv.writer(f, lineterminator=newline)
        w.writerow(header)
        w.writerows(rows)
        for line in footer:
            f.write(line + newline)
    print(f"wrote {path}: {len(rows)} rows")


def contacts_and_deals():
    contacts, deals, sf_opps = [], [], []
    year_start, year_end = dt.datetime(2025, 1, 1), dt.datetime(2025, 12, 20)
    deal_id = 9_100_000
    for i in range(2400):
        cid = 51_000 + i * 7
        created = rand_time(year_start, year_end)
        segment = rng.choices(SEGMENTS, weights=[5, 3, 2])[0]
        region = rng.choices(REGIONS, weights=[5, 3, 2])[0]
        owner = rng.choice(SDRS)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        comp = company()
        mql = sql = opp = cust = touch = None
        if rng.random() < 0.45:
            mql = created + dt.timedelta(days=rng.uniform(0, 20))
            # Leak 1: EMEA MQLs wait days for a first sales touch; elsewhere hours.
            if region == "EMEA":
                touch = mql + dt.timedelta(hours=rng.uniform(50, 150))
            else:
                touch = mql + dt.timedelta(hours=rng.uniform(0.1, 20))
            if rng.random() < 0.55:
                sql = touch + dt.timedelta(days=rng.uniform(0.5, 6))
                # Leak 2: Marcus Reed's SQLs rarely become opportunities.
                opp_rate = 0.12 if owner == "Marcus Reed" else 0.6
                if rng.random() < opp_rate:
                    opp = sql + dt.timedelta(days=rng.uniform(1, 12))
        for t in (mql, touch, sql, opp):
            pass
        stage = "lead"
        # Sales-sourced leads: some SQLs never had an MQL date (they skipped the stage).
        sales_sourced = sql is not None and rng.random() < 0.07
        if opp and opp > AS_OF:
            opp = None
        if opp:
            deal_id += 1
            ae = rng.choice(AES)
            amount = round(rng.choice([6, 9, 12, 18, 24, 36, 60, 90]) * 1000 * (3 if segment == "Enterprise" else 1.5 if segment == "Mid-Market" else 1))
            entered = [opp]
            t = opp
            outcome = rng.random()
            n_stages = rng.randint(1, 5)
            for _ in range(n_stages - 1):
                t = t + dt.timedelta(days=rng.uniform(3, 25))
                entered.append(t)
            closed = t + dt.timedelta(days=rng.uniform(3, 30))
            status = "open"
            if closed <= AS_OF:
                status = "won" if outcome < 0.3 else "lost" if outcome < 0.75 else "open"
            entered = [e for e in entered if e <= AS_OF]
            if not entered:
                entered = [opp]
            if status == "won":
                cust = closed
                stage_label = "Closed Won"
            elif status == "lost":
                stage_label = "Closed Lost"
            else:
                stage_label = STAGES[len(entered) - 1]
                closed = max(AS_OF + dt.timedelta(days=rng.uniform(-40, 60)), entered[-1])
            row = {
                "id": deal_id, "name": f"{comp} - {rng.choice(['Platform', 'Analytics', 'Expansion', 'Pilot'])}",
                "company": comp, "owner": ae, "stage": stage_label, "amount": amount, "close": closed,
                "created": opp, "type": "New Business", "lost": rng.choice(LOST_REASONS) if status == "lost" else "",
                "entered": entered, "segment": segment, "region": region, "source": rng.choice(SOURCES),
            }
            # Enterprise deals are worked in Salesforce; the rest in HubSpot.
            (sf_opps if segment == "Enterprise" else deals).append(row)
        if cust:
            stage = "customer"
        elif opp:
            stage = "opportunity"
        elif sql:
            stage = "salesqualifiedlead"
        elif mql:
            stage = "marketingqualifiedlead"
        notes = ""
        if rng.random() < 0.08:
            notes = f"Met at {rng.choice(['SaaStr', 'a webinar', 'the roadshow'])}, asked about \"SSO, audit log\",\nfollow up in Q{rng.randint(1, 4)}"
        contacts.append([
            cid, first, last, f"{first.lower()}.{last.lower()}{i}@{comp.split()[0].lower()}.example", comp, owner,
            rng.choice(SOURCES), segment, region, hs(created), stage, hs(created), "" if sales_sourced else hs(mql), hs(sql), hs(opp), hs(cust),
            hs(touch), notes,
        ])
    return contacts, deals, sf_opps


def data_quality_slips(contacts, deals):
    """What real CRM data has: MQLs sales turned down (lifecycle stage "other"), leads nobody
    owns, an SQL dated before its MQL, and deals past Proposal with no amount."""
    for row in contacts:
        stage, mql, sql = row[10], row[12], row[13]
        if stage == "marketingqualifiedlead" and dq.random() < 0.3:
            row[10] = "other"
        if dq.random() < 0.015:
            row[5] = ""
        if mql and sql and dq.random() < 0.012:
            earlier = dt.datetime.strptime(mql, "%Y-%m-%d %H:%M") - dt.timedelta(days=dq.uniform(1, 4))
            row[13] = hs(earlier)
    for d in deals:
        if d["stage"] in ("Decision Maker Bought-In", "Contract Sent") and dq.random() < 0.15:
            d["amount"] = ""


def main():
    contacts, deals, sf_opps = contacts_and_deals()
    data_quality_slips(contacts, deals)
    write(
        "hubspot-contacts.csv",
        ["Record ID", "First Name", "Last Name", "Email", "Company Name", "Contact owner", "Original Source", "Segment",
         "Region", "Create Date", "Lifecycle Stage", "Became a Lead Date", "Became a Marketing Qualified Lead Date",
         "Became a Sales Qualified Lead Date", "Became an Opportunity Date", "Became a Customer Date",
         "Date of first engagement", "Notes"],
        contacts,
    )
    entered_cols = STAGES + ["Closed Won", "Closed Lost"]
    rows = []
    for d in deals:
        entered = {STAGES[i]: hs(t) for i, t in enumerate(d["entered"][: len(STAGES)])}
        if d["stage"].startswith("Closed"):
            entered[d["stage"]] = hs(d["close"])
        rows.append([
            d["id"], d["name"], d["company"], d["owner"], "Sales Pipeline", d["stage"], d["amount"], hs(d["close"]),
            hs(d["created"]), d["type"], d["lost"], d["segment"], d["region"], d["source"],
        ] + [entered.get(s, "") for s in entered_cols])
    write(
        "hubspot-deals.csv",
        ["Record ID", "Deal Name", "Associated Company", "Deal owner", "Pipeline", "Deal Stage", "Amount", "Close Date",
         "Create Date", "Deal Type", "Closed Lost Reason", "Segment", "Region", "Original Source"]
        + [f'Date entered "{s} (Sales Pipeline)"' for s in entered_cols],
        rows,
    )
    sf_stage = {"Appointment Scheduled": "Qualification", "Qualified To Buy": "Needs Analysis",
                "Presentation Scheduled": "Value Proposition", "Decision Maker Bought-In": "Proposal/Price Quote",
                "Contract Sent": "Negotiation/Review", "Closed Won": "Closed Won", "Closed Lost": "Closed Lost"}
    sf_rows = []
    for n, d in enumerate(sf_opps):
        us = lambda t: f"{t.month}/{t.day}/{t.year}"
        sf_rows.append([
            f"0065g00000{n:08d}AAA"[:18], d["name"], d["company"], d["owner"], sf_stage[d["stage"]],
            f"${d['amount']:,.2f}", us(d["close"]), us(d["created"]), d["source"], "New Business",
            {"Closed Won": "100%", "Closed Lost": "0%"}.get(d["stage"], f"{rng.choice([10, 20, 40, 60, 80])}%"),
            d["region"], d["segment"],
        ])
    write(
        "salesforce-opportunities.csv",
        ["Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Stage", "Amount", "Close Date",
         "Created Date", "Lead Source", "Type", "Probability (%)", "Region", "Segment"],
        sf_rows,
        preamble=['"Enterprise Opportunities - FY2025"', '"Filtered By: Created Date equals FY2025"', ""],
        footer=["", f'"Grand Totals ({len(sf_rows)} records)"', "",
                '"Confidential Information - Do Not Distribute"',
                '"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."'],
        newline="\r\n",
    )
    # Customer accounts: this year's closed-won deals plus last year's customers renewing in 2025.
    accounts = []
    won = [d for d in deals + sf_opps if d["stage"] == "Closed Won"]
    for d in won:
        accounts.append((d["company"], d["close"], d["amount"], d["segment"], d["region"]))
    for _ in range(180):
        closed = rand_time(dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31))
        seg = rng.choices(SEGMENTS, weights=[5, 3, 2])[0]
        accounts.append((company(), closed, rng.choice([12, 24, 36, 60]) * 1000, seg, rng.choice(REGIONS)))
    rows = []
    for n, (name, closed, arr, seg, region) in enumerate(accounts):
        csm = rng.choice(CSMS)
        # Leak 3: one in five new customers never gets a kickoff, or gets it a week late.
        r = rng.random()
        kickoff = None if r < 0.12 else closed + dt.timedelta(days=rng.uniform(6, 12)) if r < 0.22 else closed + dt.timedelta(hours=rng.uniform(4, 40))
        if kickoff and kickoff > AS_OF:
            kickoff = None
        start = closed + dt.timedelta(days=7)
        end = start + dt.timedelta(days=365)
        outreach = churn = None
        if end - dt.timedelta(days=150) <= AS_OF:
            # Leak 4: SMB renewals are approached a few weeks before the end date; others a quarter ahead.
            lead_days = rng.uniform(10, 35) if seg == "SMB" else rng.uniform(85, 130)
            outreach = end - dt.timedelta(days=lead_days)
            if outreach > AS_OF:
                outreach = None
            if end <= AS_OF and rng.random() < (0.35 if seg == "SMB" else 0.08):
                churn = end
        rows.append([
            f"ACC-{1000 + n}", name, csm, seg, region, closed.strftime("%Y-%m-%d"),
            kickoff.strftime("%Y-%m-%d") if kickoff else "", start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d"),
            f"{arr:.2f}", "USD", outreach.strftime("%Y-%m-%d") if outreach else "", churn.strftime("%Y-%m-%d") if churn else "",
        ])
    write(
        "cs-accounts.csv",
        ["Account ID", "Account Name", "CSM", "Segment", "Region", "Closed Won Date", "Onboarding Kickoff Date",
         "Contract Start Date", "Contract End Date", "ARR", "Currency", "Renewal Outreach Date", "Churn Date"],
        rows,
    )


if __name__ == "__main__":
    main()
