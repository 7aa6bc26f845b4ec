using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Alerts;

public enum RoutingMatch
{
    /// <summary>Alerts of clients in a segment ("Enterprise").</summary>
    ClientSegment = 0,

    /// <summary>Alerts about a service line (its code).</summary>
    ServiceLine = 1,

    /// <summary>Alerts whose rating named a failure category (its name).</summary>
    FailureCategory = 2,

    /// <summary>Alerts no other rule or default routed anywhere.</summary>
    Fallback = 3,
}

/// <summary>Sends matching alerts to a team in addition to, or instead of, the default client and operations teams.</summary>
public sealed class RoutingRule : Entity
{
    private RoutingRule()
    {
        Value = string.Empty;
    }

    public RoutingRule(RoutingMatch match, string? value, Guid teamId, bool replacesDefaults)
    {
        Value = string.Empty;
        Update(match, value, teamId, replacesDefaults);
    }

    public RoutingMatch Match { get; private set; }

    /// <summary>The segment, service line code or category name; empty for the fallback.</summary>
    public string Value { get; private set; }

    public Guid TeamId { get; private set; }

    /// <summary>When true the default teams are not routed; only this rule's team is.</summary>
    public bool ReplacesDefaults { get; private set; }

    public void Update(RoutingMatch match, string? value, Guid teamId, bool replacesDefaults)
    {
        Match = match;
        Value = match == RoutingMatch.Fallback ? string.Empty : Guard.Required(value, "Value", 200);
        TeamId = teamId;
        ReplacesDefaults = match != RoutingMatch.Fallback && replacesDefaults;
    }
}
