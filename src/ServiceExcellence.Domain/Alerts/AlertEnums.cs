namespace ServiceExcellence.Domain.Alerts;

public enum AlertSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

public enum AlertStatus
{
    New = 0,
    Acknowledged = 1,

    /// <summary>The client team is working to win the client back.</summary>
    Recovering = 2,
    Resolved = 3,
    Closed = 4,
}

/// <summary>What an alert rule looks at.</summary>
public enum AlertRuleKind
{
    /// <summary>Overall score at or below the threshold.</summary>
    OverallAtOrBelow = 0,

    /// <summary>Any of the five dimensions at or below the threshold.</summary>
    DimensionAtOrBelow = 1,

    /// <summary>A failure category marked critical was chosen.</summary>
    CriticalCategory = 2,

    /// <summary>The comment contains one of the keywords (per language).</summary>
    CommentKeyword = 3,

    /// <summary>The client invoked the unconditional guarantee.</summary>
    GuaranteeInvoked = 4,

    /// <summary>Trend: a client's recent average falls by at least the threshold against its baseline.</summary>
    ClientAverageDrop = 5,

    /// <summary>Trend: a team's CSAT (share of 4 and 5) falls below the threshold (percent).</summary>
    TeamCsatBelowTarget = 6,

    /// <summary>Trend: a client's response rate falls by at least the threshold (percentage points) against its baseline.</summary>
    ResponseRateCollapse = 7,
}

public static class AlertRuleKinds
{
    public static bool IsTrend(this AlertRuleKind kind) =>
        kind is AlertRuleKind.ClientAverageDrop or AlertRuleKind.TeamCsatBelowTarget or AlertRuleKind.ResponseRateCollapse;

    public static string Describe(this AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.OverallAtOrBelow => "Overall score at or below",
        AlertRuleKind.DimensionAtOrBelow => "Any dimension at or below",
        AlertRuleKind.CriticalCategory => "Critical failure category chosen",
        AlertRuleKind.CommentKeyword => "Comment contains a keyword",
        AlertRuleKind.GuaranteeInvoked => "Guarantee invoked",
        AlertRuleKind.ClientAverageDrop => "Client's average falls by at least",
        AlertRuleKind.TeamCsatBelowTarget => "Team CSAT below target (%)",
        AlertRuleKind.ResponseRateCollapse => "Client's response rate falls by at least (points)",
        _ => kind.ToString(),
    };
}
