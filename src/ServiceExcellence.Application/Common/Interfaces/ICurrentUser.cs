namespace ServiceExcellence.Application.Common.Interfaces;

/// <summary>The signed-in member of staff, for record-level access checks and the audit trail.</summary>
public interface ICurrentUser
{
    Guid? PersonId { get; }

    bool IsInRole(string role);
}
