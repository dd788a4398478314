package io.ecompipeline.pipelines.generate;

/** Small fixed vocabularies: Brazilian-style names, places and products, review texts. */
final class Words {
  private Words() {}

  static final String[] FIRST = {"Ana", "João", "Maria", "José", "Lucas", "Mariana", "Gabriel", "Júlia", "Pedro",
      "Beatriz", "Rafael", "Camila", "Felipe", "Larissa", "Bruno", "Fernanda", "Thiago", "Letícia", "Matheus",
      "Amanda", "Gustavo", "Bárbara", "Rodrigo", "Patrícia", "André", "Aline", "Marcelo", "Vitória", "Luís",
      "Sofia", "Caio", "Helena", "Diego", "Isabela", "Vinícius", "Renata", "Otávio", "Cecília", "Emily", "John"};
  static final String[] LAST = {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
      "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Araújo",
      "Fernandes", "Conceição", "Barbosa", "Rocha", "Dias", "Nascimento", "Moreira", "Cardoso", "D'Ávila",
      "Teixeira", "Mendes", "Freitas", "Brandão", "O'Neill", "Gonçalves", "Castro", "Pinto", "Azevedo"};
  /** city, state, region (IBGE macro-regions), relative population weight. */
  static final String[][] CITIES = {
      {"São Paulo", "SP", "SE", "30"}, {"Rio de Janeiro", "RJ", "SE", "16"}, {"Belo Horizonte", "MG", "SE", "7"},
      {"Campinas", "SP", "SE", "5"}, {"Vitória", "ES", "SE", "2"}, {"Curitiba", "PR", "S", "5"},
      {"Porto Alegre", "RS", "S", "5"}, {"Florianópolis", "SC", "S", "3"}, {"Salvador", "BA", "NE", "6"},
      {"Recife", "PE", "NE", "5"}, {"Fortaleza", "CE", "NE", "5"}, {"Natal", "RN", "NE", "2"},
      {"São Luís", "MA", "NE", "2"}, {"Manaus", "AM", "N", "3"}, {"Belém", "PA", "N", "3"},
      {"Brasília", "DF", "CO", "6"}, {"Goiânia", "GO", "CO", "3"}, {"Cuiabá", "MT", "CO", "2"}};
  static final String[] EMAIL_DOMAINS = {"example.com", "mail.example.com", "example.com.br", "example.org"};

  /** category, price floor (cents), price ceiling (cents), share of the catalogue (per mille). */
  static final String[] CATEGORIES = {"electronics", "home", "fashion", "beauty", "sports", "books", "toys",
      "grocery"};
  static final long[][] PRICE = {{29_900, 600_000}, {2_990, 90_000}, {3_990, 45_000}, {1_490, 25_000},
      {2_990, 120_000}, {1_990, 12_000}, {2_490, 40_000}, {490, 8_000}};
  static final int[] CATEGORY_SHARE = {150, 190, 170, 110, 110, 100, 90, 80};
  static final String[][] SUBCATEGORIES = {
      {"smartphones", "laptops", "tv", "audio", "accessories"}, {"kitchen", "furniture", "decor", "bedding"},
      {"women", "men", "shoes", "kids"}, {"skincare", "makeup", "fragrance", "hair"},
      {"fitness", "cycling", "outdoor", "football"}, {"fiction", "non-fiction", "kids", "technical"},
      {"board games", "dolls", "building", "plush"}, {"coffee", "snacks", "beverages", "pantry"}};
  static final String[][] NOUNS = {
      {"Smartphone", "Notebook", "Smart TV 55\"", "Fone Bluetooth", "Carregador USB-C", "Tablet 10\"", "Caixa de Som"},
      {"Panela Antiaderente", "Cadeira de Escritório", "Luminária", "Jogo de Cama, Casal", "Cafeteira"},
      {"Camiseta Básica", "Calça Jeans", "Tênis de Corrida", "Vestido Midi", "Jaqueta"},
      {"Protetor Solar", "Batom Matte", "Perfume 100ml", "Shampoo", "Sérum Facial"},
      {"Bicicleta Aro 29", "Halteres 5kg", "Bola de Futebol", "Tapete de Yoga", "Barraca 4 pessoas"},
      {"Romance", "Livro de Receitas", "Guia de Java", "Livro Infantil", "Biografia"},
      {"Quebra-cabeça 1000 peças", "Boneca", "Blocos de Montar", "Pelúcia", "Jogo de Tabuleiro"},
      {"Café em Grãos 1kg", "Chocolate 70%", "Azeite Extra Virgem", "Castanhas", "Chá Verde"}};
  static final String[] BRANDS = {"Acme", "Nova", "Brisa", "Tupã", "Ipê", "Orion", "Solaris", "Vértice", "Maré",
      "Aurora", "Pampa", "Cerrado"};

  static final String[][] REVIEWS_BY_RATING = {
      {"Péssimo. Veio quebrado, e o suporte não respondeu.", "Terrible, arrived broken.\nWould not buy again.",
          "Não recomendo: \"novo\" mas parecia usado."},
      {"Produto ruim, demorou muito para chegar.", "Meh, the \"premium\" finish peels off, sadly.",
          "Esperava mais; qualidade baixa."},
      {"Ok, cumpre o que promete.", "Average, nothing special, but it works.",
          "Razoável.\nA embalagem veio amassada."},
      {"Muito bom, recomendo!", "Good value, fast delivery.", "Gostei, só achei o manual confuso, mas tudo bem.",
          "Bom produto — entrega no prazo."},
      {"Ótimo, chegou rápido!", "Excelente! Superou as expectativas.", "Perfect, exactly as described. 5/5",
          "Maravilhoso,\njá é a segunda vez que compro. \"Nota 10\"!", "Adorei 😍 chegou antes do prazo."}};

  static final String[] SEARCH_TERMS = {"fone", "tenis", "notebook", "cafe", "panela", "perfume", "bicicleta",
      "livro", "tv", "smartphone"};

  static String ascii(String s) {
    String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }
}
