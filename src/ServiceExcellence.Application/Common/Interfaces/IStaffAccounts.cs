using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Common.Interfaces;

/// <summary>Sign-in accounts of staff. Each account shares its person's id and carries the person's role.</summary>
public interface IStaffAccounts
{
    /// <summary>Creates the account; returns the password rule failures, empty on success.</summary>
    Task<IReadOnlyList<string>> CreateAsync(Person person, string password, CancellationToken cancellationToken);

    /// <summary>Brings the account's role and lock state in line with the person (a deactivated person is signed out at once).</summary>
    Task SyncAsync(Person person, CancellationToken cancellationToken);
}
