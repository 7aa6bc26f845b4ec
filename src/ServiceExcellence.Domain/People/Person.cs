using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.People;

/// <summary>A member of staff. The sign-in account shares the person's id.</summary>
public sealed class Person : Entity
{
    private Person()
    {
        DisplayName = Email = string.Empty;
    }

    public Person(string displayName, string email, StaffRole role)
    {
        DisplayName = Guard.Required(displayName, "Name", Limits.Name);
        Email = NormaliseEmail(email);
        Role = role;
        IsActive = true;
    }

    public string DisplayName { get; private set; }
    public string Email { get; private set; }
    public StaffRole Role { get; private set; }
    public bool IsActive { get; private set; }

    public void Update(string displayName, StaffRole role, bool isActive)
    {
        DisplayName = Guard.Required(displayName, "Name", Limits.Name);
        Role = role;
        IsActive = isActive;
    }

    public static string NormaliseEmail(string? email) =>
        Guard.Required(email, "Email", Limits.Email).ToLowerInvariant();
}
