namespace ServiceExcellence.Domain.Surveys;

public enum InvitationStatus
{
    /// <summary>Created; its email waits in the outbox.</summary>
    Pending = 0,
    Sent = 1,

    /// <summary>The email could not be delivered after every retry.</summary>
    Failed = 2,
    Opened = 3,
    Responded = 4,
    Expired = 5,

    /// <summary>No survey was sent, for the recorded <see cref="SuppressionReason"/>.</summary>
    Suppressed = 6,
}

public enum SuppressionReason
{
    OptedOut = 0,
    NoEmail = 1,

    /// <summary>The contact was surveyed within the throttle window.</summary>
    Throttled = 2,
    ClientExcluded = 3,
}
