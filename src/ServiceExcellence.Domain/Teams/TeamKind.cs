namespace ServiceExcellence.Domain.Teams;

public enum TeamKind
{
    /// <summary>Owns client relationships; recovers the client after a failure.</summary>
    Client = 0,

    /// <summary>Owns a process (service line); fixes the cause of a failure.</summary>
    Operations = 1,

    /// <summary>Cross-functional improvement team.</summary>
    KeySuccess = 2,
}
