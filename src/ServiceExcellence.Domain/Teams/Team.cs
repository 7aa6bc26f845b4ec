using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Teams;

public sealed class Team : Entity
{
    private readonly List<TeamMembership> _members = [];

    private Team()
    {
        Name = string.Empty;
    }

    public Team(string name, TeamKind kind)
    {
        Name = Guard.Required(name, "Team name", Limits.Name);
        Kind = kind;
    }

    public string Name { get; private set; }
    public TeamKind Kind { get; private set; }
    public Guid? ManagerId { get; private set; }
    public IReadOnlyCollection<TeamMembership> Members => _members;

    public void Rename(string name) => Name = Guard.Required(name, "Team name", Limits.Name);

    /// <summary>The kind can change only while nothing depends on it (checked by the caller).</summary>
    public void ChangeKind(TeamKind kind) => Kind = kind;

    /// <summary>The manager leads the team and is always one of its members.</summary>
    public void AppointManager(Guid? personId)
    {
        ManagerId = personId;
        if (personId is { } id)
        {
            AddMember(id);
        }
    }

    public void AddMember(Guid personId)
    {
        if (_members.All(m => m.PersonId != personId))
        {
            _members.Add(new TeamMembership(Id, personId));
        }
    }

    public void RemoveMember(Guid personId)
    {
        if (ManagerId == personId)
        {
            throw new DomainException("The manager cannot be removed from the team; appoint another manager first.");
        }

        _members.RemoveAll(m => m.PersonId == personId);
    }

    public bool HasMember(Guid personId) => _members.Any(m => m.PersonId == personId);
}

public sealed class TeamMembership(Guid teamId, Guid personId)
{
    public Guid TeamId { get; private set; } = teamId;
    public Guid PersonId { get; private set; } = personId;
}
