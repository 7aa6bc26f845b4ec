namespace ServiceExcellence.Domain.Teams;

public static class TeamKinds
{
    /// <summary>The kind as people read it on a page.</summary>
    public static string Describe(this TeamKind kind) => kind switch
    {
        TeamKind.KeySuccess => "Key success",
        _ => kind.ToString(),
    };
}
