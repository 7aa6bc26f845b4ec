using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Alerts;

public enum InitiativeStatus
{
    Proposed = 0,
    InProgress = 1,
    Done = 2,
    Dropped = 3,
}

/// <summary>
/// A long-term, systemic fix owned by a key-success or operations team, linked to the alerts it addresses
/// and prioritised by the revenue at risk behind them ("return on satisfaction").
/// </summary>
public sealed class ImprovementInitiative : Entity
{
    private ImprovementInitiative()
    {
        Title = string.Empty;
    }

    public ImprovementInitiative(string title, string? description, Guid ownerTeamId, DateTimeOffset now)
    {
        Title = string.Empty;
        CreatedAt = now;
        Update(title, description, ownerTeamId, InitiativeStatus.Proposed, null);
    }

    public string Title { get; private set; }
    public string? Description { get; private set; }
    public Guid OwnerTeamId { get; private set; }
    public InitiativeStatus Status { get; private set; }
    public string? OutcomeNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Update(string title, string? description, Guid ownerTeamId, InitiativeStatus status, string? outcomeNote)
    {
        Title = Guard.Required(title, "Title", 200);
        Description = Guard.Optional(description, "Description", 4_000);
        OwnerTeamId = ownerTeamId;
        Status = status;
        OutcomeNote = Guard.Optional(outcomeNote, "Outcome", 4_000);
    }
}
