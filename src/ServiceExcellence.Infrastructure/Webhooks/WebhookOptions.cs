namespace ServiceExcellence.Infrastructure.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Allow endpoints on loopback, private and link-local addresses, and plain http:// to loopback. Off by default so an
    /// administrator cannot point the app at its own network; on in Development and in tests, whose receivers run locally.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    public DispatcherSettings Dispatcher { get; set; } = new();

    public sealed class DispatcherSettings
    {
        /// <summary>Run the background dispatcher in this instance.</summary>
        public bool Enabled { get; set; } = true;

        public double PollSeconds { get; set; } = 5;
        public int BatchSize { get; set; } = 20;
        public int MaxAttempts { get; set; } = 8;

        /// <summary>The first retry waits this long; each further one twice as long (at most an hour).</summary>
        public double RetryBaseSeconds { get; set; } = 30;

        /// <summary>The health check reports Degraded when a due delivery has waited longer than this.</summary>
        public double BacklogWarningMinutes { get; set; } = 15;

        /// <summary>How long a claimed delivery belongs to one dispatcher before another may take it over; longer than a batch of timeouts.</summary>
        public double LeaseSeconds { get; set; } = 300;

        /// <summary>How long a receiver has to answer one request.</summary>
        public double TimeoutSeconds { get; set; } = 10;
    }
}
