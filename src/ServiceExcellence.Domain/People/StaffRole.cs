namespace ServiceExcellence.Domain.People;

/// <summary>What a member of staff may do. The names are also the sign-in roles.</summary>
public enum StaffRole
{
    TeamMember = 0,
    Manager = 1,
    President = 2,
    Administrator = 3,
}

public static class StaffRoles
{
    public const string TeamMember = nameof(StaffRole.TeamMember);
    public const string Manager = nameof(StaffRole.Manager);
    public const string President = nameof(StaffRole.President);
    public const string Administrator = nameof(StaffRole.Administrator);

    public static string Describe(this StaffRole role) => role switch
    {
        StaffRole.TeamMember => "Team member",
        _ => role.ToString(),
    };
}
