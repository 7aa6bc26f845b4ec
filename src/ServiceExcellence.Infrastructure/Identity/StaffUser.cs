using Microsoft.AspNetCore.Identity;

namespace ServiceExcellence.Infrastructure.Identity;

/// <summary>The sign-in account of a <see cref="Domain.People.Person"/>; both share one id.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;
}
