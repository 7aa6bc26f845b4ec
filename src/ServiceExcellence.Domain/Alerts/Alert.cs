using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Alerts;

/// <summary>
/// An early warning that a client is unhappy: raised by rules on a rating, a guarantee invocation or a trend,
/// routed to teams, and worked on two tracks — recovery of this client, and the root cause behind it.
/// Every change is written to its audit trail.
/// </summary>
public sealed class Alert : Entity
{
    private readonly List<AlertTrigger> _triggers = [];
    private readonly List<AlertRouting> _routes = [];
    private readonly List<AlertAuditEntry> _audit = [];
    private readonly List<AlertComment> _comments = [];

    private Alert()
    {
        Title = string.Empty;
    }

    public Alert(string title, Guid? clientId, Guid? serviceLineId, Guid? transactionId, Guid? ratingId, decimal revenueAtRisk,
        IReadOnlyCollection<(AlertRule Rule, string Detail)> fired, DateTimeOffset now, string? subjectKey = null)
    {
        if (fired.Count == 0)
        {
            throw new DomainException("An alert needs at least one rule that fired.");
        }

        // Titles are built from names of up to 200 characters each: shorten rather than refuse the alert.
        Title = Guard.Required(title.Length > 200 ? title[..199] + "…" : title, "Title", 200);
        ClientId = clientId;
        ServiceLineId = serviceLineId;
        TransactionId = transactionId;
        RatingId = ratingId;
        SubjectKey = subjectKey;
        RevenueAtRisk = Math.Round(revenueAtRisk, 2);
        CreatedAt = now;
        Severity = fired.Max(f => f.Rule.Severity);
        AcknowledgeBy = now.AddHours(fired.Min(f => f.Rule.AcknowledgeWithinHours));
        ResolveBy = now.AddHours(fired.Min(f => f.Rule.ResolveWithinHours));
        Priority = PriorityOf(Severity, RevenueAtRisk);
        foreach (var (rule, detail) in fired)
        {
            _triggers.Add(new AlertTrigger(Id, rule.Id, rule.Name, detail));
        }

        _audit.Add(new AlertAuditEntry(Id, now, null, "Raised", null, $"{Severity}: {string.Join("; ", fired.Select(f => f.Detail))}"));
    }

    public string Title { get; private set; }
    /// <summary>The client the alert is about; null for a team trend.</summary>
    public Guid? ClientId { get; private set; }
    public Guid? ServiceLineId { get; private set; }
    public Guid? TransactionId { get; private set; }
    public Guid? RatingId { get; private set; }

    /// <summary>Identifies the subject of a trend alert ("client:{id}:average"), so one is not raised twice while open.</summary>
    public string? SubjectKey { get; private set; }

    public AlertSeverity Severity { get; private set; }
    public decimal RevenueAtRisk { get; private set; }

    /// <summary>Severity weight × revenue at risk; orders queues after overdue alerts.</summary>
    public decimal Priority { get; private set; }

    public AlertStatus Status { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset AcknowledgeBy { get; private set; }
    public DateTimeOffset ResolveBy { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>0: not escalated; 1: the teams' managers were told; 2: the president was told.</summary>
    public int EscalationLevel { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public string? RecoveryAction { get; private set; }
    public string? ClientReaction { get; private set; }
    public Guid? RootCauseCategoryId { get; private set; }
    public string? SystemicCause { get; private set; }
    public Guid? InitiativeId { get; private set; }

    public IReadOnlyCollection<AlertTrigger> Triggers => _triggers;
    public IReadOnlyCollection<AlertRouting> Routes => _routes;
    public IReadOnlyCollection<AlertAuditEntry> Audit => _audit;
    public IReadOnlyCollection<AlertComment> Comments => _comments;

    public bool IsOpen => Status is AlertStatus.New or AlertStatus.Acknowledged or AlertStatus.Recovering;

    /// <summary>The formula shown to users beside the figure.</summary>
    public const string PriorityFormula = "priority = severity weight (Low 1, Medium 2, High 3, Critical 4) × revenue at risk";

    public static decimal PriorityOf(AlertSeverity severity, decimal revenueAtRisk) => (int)severity * Math.Max(revenueAtRisk, 1m);

    public bool IsOverdue(DateTimeOffset now) =>
        (Status == AlertStatus.New && now > AcknowledgeBy) || (IsOpen && now > ResolveBy);

    public void RouteTo(Guid teamId, string reason)
    {
        if (_routes.All(r => r.TeamId != teamId))
        {
            _routes.Add(new AlertRouting(Id, teamId, reason) { AlertStatus = Status });
        }
    }

    public void Assign(Guid? personId, Guid actorId, DateTimeOffset now, string? assigneeName, string? previousAssigneeName = null)
    {
        RequireOpen();
        Record(now, actorId, "Assignee", AssigneeId is null ? "nobody" : previousAssigneeName ?? "someone else", assigneeName ?? "nobody");
        AssigneeId = personId;
    }

    public void Acknowledge(Guid actorId, DateTimeOffset now)
    {
        if (Status != AlertStatus.New)
        {
            throw new DomainException("Only a new alert can be acknowledged.");
        }

        SetStatus(AlertStatus.Acknowledged, actorId, now);
        AcknowledgedAt = now;
        AssigneeId ??= actorId;
    }

    /// <summary>The client team's track: what was done for this client and how they took it.</summary>
    public void RecordRecovery(string action, string? reaction, Guid actorId, DateTimeOffset now)
    {
        RequireOpen();
        var newAction = Guard.Required(action, "Recovery action", 2_000);
        var newReaction = Guard.Optional(reaction, "Client reaction", 2_000);
        Record(now, actorId, "Recovery action", RecoveryAction, newAction);
        Record(now, actorId, "Client reaction", ClientReaction, newReaction);
        RecoveryAction = newAction;
        ClientReaction = newReaction;
        if (Status == AlertStatus.New)
        {
            AcknowledgedAt ??= now;
        }

        if (Status is AlertStatus.New or AlertStatus.Acknowledged)
        {
            SetStatus(AlertStatus.Recovering, actorId, now);
        }
    }

    /// <summary>The operations team's track: the failure behind the alert and the systemic fix.</summary>
    /// <summary>The names go to the audit trail: the previous ones as they were, the new ones as chosen.</summary>
    public void CodeRootCause(Guid? categoryId, string? systemicCause, Guid? initiativeId, Guid actorId, DateTimeOffset now,
        string? categoryName, string? initiativeTitle, string? previousCategoryName = null, string? previousInitiativeTitle = null)
    {
        var cause = Guard.Optional(systemicCause, "Systemic cause", 2_000);
        if (categoryId is null && cause is null && initiativeId is null)
        {
            throw new DomainException("Choose a failure category, describe the cause, or link an initiative.");
        }

        if (categoryId != RootCauseCategoryId)
        {
            Record(now, actorId, "Root cause category", previousCategoryName ?? "none", categoryName ?? "none");
        }

        Record(now, actorId, "Systemic cause", SystemicCause, cause);
        if (initiativeId != InitiativeId)
        {
            Record(now, actorId, "Initiative", previousInitiativeTitle ?? "none", initiativeTitle ?? "none");
        }

        RootCauseCategoryId = categoryId;
        SystemicCause = cause;
        InitiativeId = initiativeId;
    }

    public void LinkInitiative(Guid initiativeId, string initiativeTitle, Guid actorId, DateTimeOffset now, string? previousInitiativeTitle = null)
    {
        if (initiativeId != InitiativeId)
        {
            Record(now, actorId, "Initiative", previousInitiativeTitle ?? "none", initiativeTitle);
        }

        InitiativeId = initiativeId;
    }

    public void Resolve(Guid actorId, DateTimeOffset now)
    {
        RequireOpen();
        if (RecoveryAction is null)
        {
            throw new DomainException("Record what was done to recover the client before resolving the alert.");
        }

        SetStatus(AlertStatus.Resolved, actorId, now);
        ResolvedAt = now;
        AcknowledgedAt ??= now;
    }

    public void Close(Guid actorId, DateTimeOffset now)
    {
        if (Status != AlertStatus.Resolved)
        {
            throw new DomainException("Only a resolved alert can be closed.");
        }

        SetStatus(AlertStatus.Closed, actorId, now);
    }

    public void Reopen(Guid actorId, DateTimeOffset now, TimeSpan resolveWithin)
    {
        if (IsOpen)
        {
            throw new DomainException("The alert is already open.");
        }

        SetStatus(AlertStatus.Recovering, actorId, now);
        ResolvedAt = null;
        ResolveBy = now + resolveWithin;
    }

    /// <summary>Overdue alerts climb: 1 tells the managers of the routed teams, 2 the president.</summary>
    public void Escalate(int level, DateTimeOffset now)
    {
        if (level <= EscalationLevel)
        {
            return;
        }

        _audit.Add(new AlertAuditEntry(Id, now, null, "Escalation", EscalationLevel switch { 0 => "none", 1 => "team managers", _ => "president" }, level == 1 ? "team managers" : "president"));
        EscalationLevel = level;
        EscalatedAt = now;
    }

    private void SetStatus(AlertStatus status, Guid actorId, DateTimeOffset now)
    {
        Record(now, actorId, "Status", Status.ToString(), status.ToString());
        Status = status;
        foreach (var route in _routes)
        {
            route.AlertStatus = status;
        }
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("The alert is resolved or closed; reopen it first.");
        }
    }

    private void Record(DateTimeOffset now, Guid? actorId, string field, string? before, string? after)
    {
        if (before != after)
        {
            _audit.Add(new AlertAuditEntry(Id, now, actorId, field, before, after));
        }
    }
}

public sealed class AlertTrigger(Guid alertId, Guid ruleId, string ruleName, string detail)
{
    public long Id { get; private set; }
    public Guid AlertId { get; private set; } = alertId;
    public Guid RuleId { get; private set; } = ruleId;
    public string RuleName { get; private set; } = ruleName;

    /// <summary>The value that tripped the rule, e.g. "overall 2 ≤ 2".</summary>
    public string Detail { get; private set; } = detail;
}

public sealed class AlertRouting(Guid alertId, Guid teamId, string reason)
{
    public Guid AlertId { get; private set; } = alertId;
    public Guid TeamId { get; private set; } = teamId;

    /// <summary>Why the alert went to this team ("client team", "service line", "routing rule …", "fallback").</summary>
    public string Reason { get; private set; } = reason;

    /// <summary>
    /// A copy of the alert's status, so that a team's open queue and its count are read from the routes' index
    /// alone. The alert keeps the routes it has loaded in step; the database layer updates the others in the same
    /// save as the alert's status.
    /// </summary>
    public AlertStatus AlertStatus { get; internal set; }
}

public sealed class AlertAuditEntry(Guid alertId, DateTimeOffset at, Guid? actorId, string field, string? before, string? after)
{
    public long Id { get; private set; }
    public Guid AlertId { get; private set; } = alertId;
    public DateTimeOffset At { get; private set; } = at;

    /// <summary>Who made the change; null for the system (rules, escalation).</summary>
    public Guid? ActorId { get; private set; } = actorId;

    public string Field { get; private set; } = field;
    public string? Before { get; private set; } = before;
    public string? After { get; private set; } = after;
}

public sealed class AlertComment(Guid alertId, Guid authorId, string text, DateTimeOffset at)
{
    public long Id { get; private set; }
    public Guid AlertId { get; private set; } = alertId;
    public Guid AuthorId { get; private set; } = authorId;
    public string Text { get; private set; } = Guard.Required(text, "Comment", 2_000);
    public DateTimeOffset At { get; private set; } = at;
}
