using Microsoft.AspNetCore.Identity;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Infrastructure.Identity;

internal sealed class StaffAccounts(UserManager<StaffUser> users) : IStaffAccounts
{
    public async Task<IReadOnlyList<string>> CreateAsync(Person person, string password, CancellationToken cancellationToken)
    {
        var user = new StaffUser
        {
            Id = person.Id,
            UserName = person.Email,
            Email = person.Email,
            EmailConfirmed = true,
            DisplayName = person.DisplayName,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }

        await users.AddToRoleAsync(user, person.Role.ToString());
        return [];
    }

    public async Task SyncAsync(Person person, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(person.Id.ToString())
            ?? throw new InvalidOperationException($"Person {person.Id} has no sign-in account.");
        user.DisplayName = person.DisplayName;

        var roles = await users.GetRolesAsync(user);
        var wanted = person.Role.ToString();
        var stale = roles.Where(r => r != wanted).ToList();
        if (stale.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, stale);
        }

        if (!roles.Contains(wanted))
        {
            await users.AddToRoleAsync(user, wanted);
        }

        // A deactivated person is locked out for good; the security stamp change signs them out everywhere.
        await users.SetLockoutEndDateAsync(user, person.IsActive ? null : DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
    }
}
