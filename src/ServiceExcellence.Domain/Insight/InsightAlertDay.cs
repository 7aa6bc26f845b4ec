using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Domain.Insight;

/// <summary>Whose alerts a rollup row adds up: the whole company, the alerts routed to a team, a client's or a service line's.</summary>
public enum AlertRollupScope
{
    Company = 0,
    Team = 1,
    Client = 2,
    ServiceLine = 3,
}

/// <summary>
/// One UTC day's alert figures for one scope: the alerts raised that day and what became of them, as counts and
/// sums the dashboards add up over any range instead of reading every alert. An alert is counted once in the
/// company row, once in the row of each team it is routed to, and in its client's and service line's rows. Kept up
/// to date in the same database transaction as the alert (raised, acknowledged, resolved, reopened, routed) and
/// rebuilt from the alerts when empty. Whether an alert still open is past its due time depends on the moment of
/// reading, so that part of SLA compliance is read from the open alerts themselves.
/// </summary>
public sealed class InsightAlertDay
{
    /// <summary>The UTC day the alerts were raised, as <see cref="DateOnly.DayNumber"/>.</summary>
    public int Day { get; set; }

    public AlertRollupScope Scope { get; set; }

    /// <summary>The team, client or service line; <see cref="Guid.Empty"/> for the company.</summary>
    public Guid ScopeId { get; set; }

    public long Raised { get; set; }

    /// <summary>Alerts acknowledged so far, and the milliseconds from raising to acknowledging summed over them.</summary>
    public long Acknowledged { get; set; }

    public long AcknowledgeMilliseconds { get; set; }

    /// <summary>Of the acknowledged alerts, those acknowledged by their due time.</summary>
    public long AcknowledgedInTime { get; set; }

    /// <summary>Alerts resolved (the client recovered) and not reopened, and the milliseconds from raising to resolving.</summary>
    public long Resolved { get; set; }

    public long ResolveMilliseconds { get; set; }

    public long ResolvedInTime { get; set; }

    public decimal RevenueAtRisk { get; set; }

    /// <summary>What one alert in its current state contributes to the rows of its scopes.</summary>
    public static InsightAlertDay Of(AlertFacts alert)
    {
        var row = new InsightAlertDay { Raised = 1, RevenueAtRisk = alert.RevenueAtRisk };
        if (alert.AcknowledgedAt is { } acknowledged)
        {
            row.Acknowledged = 1;
            row.AcknowledgeMilliseconds = (long)(acknowledged - alert.CreatedAt).TotalMilliseconds;
            row.AcknowledgedInTime = acknowledged <= alert.AcknowledgeBy ? 1 : 0;
        }

        if (alert.ResolvedAt is { } resolved)
        {
            row.Resolved = 1;
            row.ResolveMilliseconds = (long)(resolved - alert.CreatedAt).TotalMilliseconds;
            row.ResolvedInTime = resolved <= alert.ResolveBy ? 1 : 0;
        }

        return row;
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> to this row.</summary>
    public void Add(InsightAlertDay other, int sign = 1)
    {
        Raised += sign * other.Raised;
        Acknowledged += sign * other.Acknowledged;
        AcknowledgeMilliseconds += sign * other.AcknowledgeMilliseconds;
        AcknowledgedInTime += sign * other.AcknowledgedInTime;
        Resolved += sign * other.Resolved;
        ResolveMilliseconds += sign * other.ResolveMilliseconds;
        ResolvedInTime += sign * other.ResolvedInTime;
        RevenueAtRisk += sign * other.RevenueAtRisk;
    }

    public bool IsZero => Raised == 0 && Acknowledged == 0 && AcknowledgeMilliseconds == 0 && AcknowledgedInTime == 0
        && Resolved == 0 && ResolveMilliseconds == 0 && ResolvedInTime == 0 && RevenueAtRisk == 0;
}

/// <summary>
/// The alerts of one period and scope raised on ratings that named a failure category, counted per client and
/// revenue at risk: the failure analysis ranks categories by the sum over clients of each client's largest revenue
/// at risk, and a largest value over any range is the largest revenue among rows that still count alerts. Keeping
/// the amount in the key keeps every change an addition (an alert whose rating drops the category subtracts one).
/// Each alert is counted in a day row and in the row of its month, so a long range reads whole months and only its
/// edge days.
/// </summary>
public sealed class InsightAlertCategory
{
    public const int DayPeriod = 0;
    public const int MonthPeriod = 1;

    /// <summary><see cref="DayPeriod"/> or <see cref="MonthPeriod"/>.</summary>
    public int Period { get; set; }

    /// <summary>The UTC day, or the first day of the month, as <see cref="DateOnly.DayNumber"/>.</summary>
    public int Day { get; set; }

    public AlertRollupScope Scope { get; set; }
    public Guid ScopeId { get; set; }
    public Guid FailureCategoryId { get; set; }
    public Guid ClientId { get; set; }
    public decimal RevenueAtRisk { get; set; }
    public long Alerts { get; set; }

    /// <summary>The first day of the month of <paramref name="day"/>, as a day number.</summary>
    public static int MonthOf(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }
}

/// <summary>The properties of an alert the rollups read, current or as they were before a change.</summary>
public sealed record AlertFacts(
    Guid Id, Guid? ClientId, Guid? ServiceLineId, Guid? RatingId, decimal RevenueAtRisk, DateTimeOffset CreatedAt,
    DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt)
{
    public static AlertFacts Of(Alert a) =>
        new(a.Id, a.ClientId, a.ServiceLineId, a.RatingId, a.RevenueAtRisk, a.CreatedAt, a.AcknowledgeBy, a.ResolveBy, a.AcknowledgedAt, a.ResolvedAt);

    public int Day => InsightMeasures.DayOf(CreatedAt);

    /// <summary>The scopes whose rows count this alert, given the teams it is routed to.</summary>
    public IEnumerable<(AlertRollupScope Scope, Guid Id)> Scopes(IEnumerable<Guid> teams)
    {
        yield return (AlertRollupScope.Company, Guid.Empty);
        foreach (var team in teams.Distinct())
        {
            yield return (AlertRollupScope.Team, team);
        }

        if (ClientId is { } client)
        {
            yield return (AlertRollupScope.Client, client);
        }

        if (ServiceLineId is { } line)
        {
            yield return (AlertRollupScope.ServiceLine, line);
        }
    }
}
