using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Privacy;

public enum PrivacyAction
{
    ExportedJson = 0,
    ExportedCsv = 1,
    Erased = 2,
    PurgedByRetention = 3,
}

/// <summary>
/// One privacy action, kept as evidence: who exported or erased what about a contact, and what the retention job purged.
/// The actor's name is copied so the entry still reads correctly after the person leaves; the summary holds counts, never personal data.
/// </summary>
public sealed class PrivacyAuditEntry : Entity
{
    public const int MaxSummaryLength = 1_000;

    private PrivacyAuditEntry()
    {
        ActorName = Summary = string.Empty;
    }

    public PrivacyAuditEntry(DateTimeOffset at, Guid? actorId, string actorName, PrivacyAction action, Guid? contactId, string summary)
    {
        At = at;
        ActorId = actorId;
        ActorName = Guard.Required(actorName, "Actor", Limits.Name);
        Action = action;
        ContactId = contactId;
        Summary = Guard.Required(summary, "Summary", MaxSummaryLength);
    }

    public DateTimeOffset At { get; private set; }

    /// <summary>The member of staff; null for the retention job.</summary>
    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }
    public PrivacyAction Action { get; private set; }

    /// <summary>The contact the action was about; null for retention purges, which span many contacts.</summary>
    public Guid? ContactId { get; private set; }

    public string Summary { get; private set; }
}
