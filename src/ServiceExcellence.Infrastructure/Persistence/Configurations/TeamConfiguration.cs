using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.ManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.PersonId });
        builder.HasIndex(m => m.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(p => p.Email).HasMaxLength(Limits.Email);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
    }
}
