package io.perennial.recommendation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ItemToItemModelTest {

    private static final List<Interaction> BASKETS = List.of(
            new Interaction("ann", "plan:a", 5), new Interaction("ann", "sku:b", 5),
            new Interaction("bob", "plan:a", 5), new Interaction("bob", "sku:b", 5), new Interaction("bob", "sku:c", 1),
            new Interaction("cat", "sku:c", 5), new Interaction("cat", "sku:d", 5),
            new Interaction("dan", "sku:c", 5), new Interaction("eve", "sku:c", 5));

    @Test
    void aCustomerWhoBoughtASeesWhatOthersBoughtWithAFirstAndWhy() {
        ItemToItemModel model = ItemToItemModel.train(BASKETS, 50, 200);

        List<ItemToItemModel.Scored> found = model.recommend(Map.of("plan:a", 5.0), Set.of("plan:a"), 3);

        assertThat(found.get(0).item()).isEqualTo("sku:b");
        assertThat(found.get(0).because()).isEqualTo("plan:a");
        assertThat(found).extracting(ItemToItemModel.Scored::item).doesNotContain("plan:a").doesNotHaveDuplicates();
    }

    @Test
    void cosineSimilarityIsOneForItemsAlwaysTakenTogetherWithTheSameWeight() {
        ItemToItemModel model = ItemToItemModel.train(BASKETS, 50, 200);

        assertThat(model.neighbours().get("plan:a").get(0)).isEqualTo(new ItemToItemModel.Neighbour("sku:b", 1.0, 2));
    }

    @Test
    void aNewCustomerGetsTheMostPopularItemsWithoutAReason() {
        ItemToItemModel model = ItemToItemModel.train(BASKETS, 50, 200);

        List<ItemToItemModel.Scored> found = model.recommend(Map.of(), Set.of(), 2);

        assertThat(found).extracting(ItemToItemModel.Scored::item).containsExactly("sku:c", "plan:a");
        assertThat(found).extracting(ItemToItemModel.Scored::because).containsOnlyNulls();
    }

    @Test
    void negativeFeedbackLeavesAnItemOutOfTheProfile() {
        var profiles = ItemToItemModel.profiles(List.of(new Interaction("ann", "plan:a", 5),
                new Interaction("ann", "plan:a", -6), new Interaction("ann", "sku:b", 1)));

        assertThat(profiles.get("ann").weights()).containsOnlyKeys("sku:b");
    }
}
