using Microsoft.AspNetCore.Identity;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>Makes sure every staff role exists; runs after each migration.</summary>
public sealed class RoleSeeder(RoleManager<IdentityRole<Guid>> roles)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Enum.GetNames<StaffRole>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }
}
