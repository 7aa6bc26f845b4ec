using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Domain.ServiceLines;

/// <summary>A process the company performs ("Order entry", "Field repair"), owned by an operations team.</summary>
public sealed class ServiceLine : Entity
{
    private ServiceLine()
    {
        Code = Name = string.Empty;
    }

    public ServiceLine(string code, string name, Team owner)
    {
        Code = NormaliseCode(code);
        Name = Guard.Required(name, "Name", Limits.Name);
        OwnerTeamId = RequireOperations(owner);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public Guid OwnerTeamId { get; private set; }

    public void Update(string code, string name, Team owner)
    {
        Code = NormaliseCode(code);
        Name = Guard.Required(name, "Name", Limits.Name);
        OwnerTeamId = RequireOperations(owner);
    }

    public static string NormaliseCode(string? code) =>
        Guard.Required(code, "Code", Limits.Code).ToUpperInvariant();

    private static Guid RequireOperations(Team owner) =>
        owner.Kind == TeamKind.Operations
            ? owner.Id
            : throw new DomainException($"A service line is owned by an operations team; {owner.Name} is a {owner.Kind} team.");
}
