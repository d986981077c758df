package io.perennial.api.portal;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import jakarta.inject.Singleton;

/**
 * Forgets each provider's userinfo endpoint. Micronaut Security turns a provider's userinfo endpoint into a bearer
 * token validator for the whole application: any token the provider accepts (a provider access token, one of an
 * account that never signed in here) would authenticate on the JSON API as the provider's subject.
 * PortalAccountTest caught it answering 500 for a provider's token. The portal needs no userinfo: the ID token
 * carries the claims it reads.
 */
@Singleton
public class ProviderMetadataWithoutUserInfo implements BeanCreatedEventListener<DefaultOpenIdProviderMetadata> {

    @Override
    public DefaultOpenIdProviderMetadata onCreated(BeanCreatedEvent<DefaultOpenIdProviderMetadata> event) {
        DefaultOpenIdProviderMetadata metadata = event.getBean();
        metadata.setUserinfoEndpoint(null);
        return metadata;
    }
}
