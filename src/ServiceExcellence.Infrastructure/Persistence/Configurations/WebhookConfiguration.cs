using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.Property(e => e.Name).HasMaxLength(Limits.Name);
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        builder.Property(e => e.EventTypes).HasMaxLength(200);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1_000);
        builder.Ignore(e => e.Events);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.LockedBy).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        builder.Property(d => d.LastResponseExcerpt).HasMaxLength(WebhookDelivery.MaxResponseExcerptLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's claim query: due pending deliveries; and an endpoint's delivery log, newest first.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt });
    }
}
