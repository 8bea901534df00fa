package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import com.penguinmails.webhooks.model.net.RefusedTargetException;

/**
 * Wraps the (non-blocking) DNS resolver of the HTTP client so that a name resolving to a refused address fails
 * before any connection: the check is on the very address the client would connect to, so a name that resolved to a
 * public address for a pre-check and to 127.0.0.1 now (DNS rebinding) is still refused. IP literals never reach a
 * resolver; {@link ReceiverClient} checks them itself.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressResolverGroup<InetSocketAddress> delegate;

    GuardedAddressResolverGroup(AddressResolverGroup<InetSocketAddress> delegate) {
        this.delegate = delegate;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        AddressResolver<InetSocketAddress> resolver = delegate.getResolver(executor);
        return new AbstractAddressResolver<>(executor) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                return !address.isUnresolved();
            }

            @Override
            protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
                resolver.resolve(unresolved).addListener((Future<InetSocketAddress> done) -> {
                    if (!done.isSuccess()) {
                        promise.setFailure(done.cause());
                        return;
                    }
                    RuntimeException refused = refused(unresolved.getHostString(), done.getNow().getAddress());
                    if (refused != null) {
                        promise.setFailure(refused);
                    } else {
                        promise.setSuccess(done.getNow());
                    }
                });
            }

            @Override
            protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
                resolver.resolveAll(unresolved).addListener((Future<List<InetSocketAddress>> done) -> {
                    if (!done.isSuccess()) {
                        promise.setFailure(done.cause());
                        return;
                    }
                    for (InetSocketAddress address : done.getNow()) {
                        RuntimeException refused = refused(unresolved.getHostString(), address.getAddress());
                        if (refused != null) {
                            promise.setFailure(refused);
                            return;
                        }
                    }
                    promise.setSuccess(done.getNow());
                });
            }
        };
    }

    static RuntimeException refused(String host, InetAddress address) {
        Optional<String> why = TargetPolicy.refusal(address);
        return why.map(reason -> (RuntimeException) new RefusedTargetException(host, address, reason)).orElse(null);
    }

    @Override
    public void close() {
        super.close();
        delegate.close();
    }
}
